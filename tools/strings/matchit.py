# Nearest-neighbour methods (#14) strings: key -> (en, ru, kk). Run: cd tools/strings && python3 matchit.py
import resx

S = {
"Study.Method.nn": ("Nearest-neighbour matching (MatchIt 4.5.1's default routine)", "Ближайший сосед (стандартный алгоритм MatchIt 4.5.1)", "Жақын көрші (MatchIt 4.5.1 әдепкі алгоритмі)"),
"Study.Method.nn-replace": ("Nearest-neighbour matching with replacement (MatchIt 4.5.1's default routine)", "Ближайший сосед с возвращением (стандартный алгоритм MatchIt 4.5.1)", "Қайтарумен жақын көрші (MatchIt 4.5.1 әдепкі алгоритмі)"),
"Study.Method.nn-classic": ("Nearest-neighbour matching, classic (truly nearest control; caliper applied)", "Ближайший сосед, классический (действительно ближайший; с калипером)", "Жақын көрші, классикалық (шынымен ең жақын; калиппер қолданылады)"),
"Study.Method.nn-classic-replace": ("Nearest-neighbour matching with replacement, classic", "Ближайший сосед с возвращением, классический", "Қайтарумен жақын көрші, классикалық"),
"Validation.CaliperNeedsClassic": ("MatchIt 4.5.1's default routine ignores a caliper (MatchIt issue #163): choose the classic nearest-neighbour method to apply one.",
  "Стандартный алгоритм MatchIt 4.5.1 игнорирует калипер (MatchIt, issue #163): чтобы применить калипер, выберите классический метод ближайшего соседа.",
  "MatchIt 4.5.1 әдепкі алгоритмі калипперді елемейді (MatchIt, issue #163): калиппер қолдану үшін классикалық жақын көрші әдісін таңдаңыз."),
}

resx.write(S)
