# Rscript matchit_pairs.R IN.csv OUT_PREFIX RATIO REPLACE FORMULA OUTCOME
# Runs MatchIt's default nearest-neighbour matching (as installed) and writes, for the test that compares Qadam with it:
#   OUT_PREFIX.distance.csv  (row, distance)      the propensity score MatchIt matched on
#   OUT_PREFIX.pairs.csv     (treated, round, control)  1-based rows of the input
#   OUT_PREFIX.att.txt       ATT as the weighted mean difference on match.data, and MatchIt's version
suppressPackageStartupMessages(library(MatchIt))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], stringsAsFactors = TRUE)
ratio <- as.integer(a[3]); replace <- as.logical(a[4])
m <- matchit(as.formula(a[5]), data = d, method = "nearest", distance = "glm", ratio = ratio, replace = replace)
write.csv(data.frame(row = seq_len(nrow(d)), distance = sprintf("%.17g", m$distance)), paste0(a[2], ".distance.csv"), row.names = FALSE, quote = FALSE)
mm <- m$match.matrix
rows <- match(rownames(mm), rownames(d))
out <- do.call(rbind, lapply(seq_len(ncol(mm)), function(r) data.frame(treated = rows, round = r, control = match(mm[, r], rownames(d)))))
write.csv(out[!is.na(out$control), ], paste0(a[2], ".pairs.csv"), row.names = FALSE, quote = FALSE)
md <- match.data(m)
yy <- md[[a[6]]]
att <- weighted.mean(yy[md$treat == 1], md$weights[md$treat == 1]) - weighted.mean(yy[md$treat == 0], md$weights[md$treat == 0])
writeLines(c(sprintf("%.17g", att), as.character(packageVersion("MatchIt"))), paste0(a[2], ".att.txt"))
