# Times MatchIt (as shipped: default nearest-neighbour routine) + summary() on a synthetic CSV.
# Rscript matchit_bench.R IN.csv RUNS [PAIRS_OUT]  (PAIRS_OUT: the matched pairs as 1-based rows, treated,control)
suppressPackageStartupMessages(library(MatchIt))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
runs <- as.integer(args[2])
times <- numeric(runs)
for (r in seq_len(runs)) {
  t0 <- proc.time()[["elapsed"]]
  m <- matchit(treat ~ x1 + x2 + x3 + x4 + x5, data = d, method = "nearest", distance = "glm")
  s <- summary(m)
  times[r] <- proc.time()[["elapsed"]] - t0
}
md <- match.data(m)
att <- weighted.mean(md$y[md$treat == 1], md$weights[md$treat == 1]) - weighted.mean(md$y[md$treat == 0], md$weights[md$treat == 0])
if (length(args) > 2) {
  mm <- m$match.matrix
  p <- data.frame(t = match(rownames(mm), rownames(d)), c = match(mm[, 1], rownames(d)))
  p <- p[!is.na(p$c), ]
  write.table(p[order(p$t), ], args[3], sep = ",", row.names = FALSE, col.names = FALSE)
}
cat(sprintf("matchit n=%d treated=%d median_s=%.3f min_s=%.3f runs=%d att=%.6f matched=%d\n",
            nrow(d), sum(d$treat), median(times), min(times), runs, att, sum(md$treat == 1)))
