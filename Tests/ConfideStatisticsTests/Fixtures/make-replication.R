# Reference values for Confide's replicate-weight designs, from R's survey package.
# Run from this folder after make-design.R: Rscript make-replication.R
# Reads apiclus1.csv, apistrat.csv and lonely.csv; writes R's bootstrap replicate factors
# (boot-dclus1.csv per PSU, boot-dstrat.csv per respondent), the JK1 factors of dclus1 per
# respondent (jk1-dclus1.csv), the JKn factors of a stratified cluster design per PSU
# (jkn-dclus1s.csv) and replication-results.csv (case,statistic,value).
suppressMessages(library(survey))
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
put_stat <- function(case, est) {
  put(case, "estimate", coef(est)[1])
  put(case, "se", SE(est)[1])
}
put_vector <- function(case, est) {
  v <- as.matrix(vcov(est))
  cf <- coef(est)
  for (i in seq_along(cf)) {
    put(paste0(case, ":", names(cf)[i]), "estimate", cf[i])
    put(paste0(case, ":", names(cf)[i]), "se", sqrt(v[i, i]))
    for (j in seq_along(cf)) put(paste(case, "cov"), paste0(names(cf)[i], "-", names(cf)[j]), v[i, j])
  }
}
put_by <- function(case, by) {
  est <- coef(by)
  se <- SE(by)
  V <- vcov(by)
  for (i in seq_along(est)) {
    put(paste0(case, ":", names(est)[i]), "estimate", est[i])
    put(paste0(case, ":", names(est)[i]), "se", se[i])
    for (j in seq_along(est)) put(paste(case, "cov"), paste0(names(est)[i], "-", names(est)[j]), V[i, j])
  }
}
put_ratio <- function(case, r) {
  put(case, "estimate", coef(r))
  put(case, "se", SE(r))
}
read <- function(file) read.csv(file, stringsAsFactors = FALSE)

clus1 <- read("apiclus1.csv")
strat <- read("apistrat.csv")
lonely <- read("lonely.csv")

dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = clus1, fpc = ~fpc)
dclus1_nofpc <- svydesign(id = ~dnum, weights = ~pw, data = clus1)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)
dstrat_nofpc <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat)
dclus1s <- svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = clus1, nest = TRUE)

# JK1 (unstratified) and JKn (stratified), as as.svrepdesign's "auto" type chooses.
for (mse in c(FALSE, TRUE)) {
  suffix <- if (mse) " mse" else ""
  r <- as.svrepdesign(dclus1, mse = mse)
  put_stat(paste0("dclus1 JK1", suffix, " mean api00"), svymean(~api00, r))
  r <- as.svrepdesign(dstrat, type = "JKn", mse = mse)
  put_stat(paste0("dstrat JKn", suffix, " mean api00"), svymean(~api00, r))
}
r <- as.svrepdesign(dclus1)
put("dclus1 JK1", "scale", r$scale)
put("dclus1 JK1", "replicates", ncol(r$repweights$weights))
put_stat("dclus1 JK1 total enroll", svytotal(~enroll, r))
put_ratio("dclus1 JK1 ratio api.stu/enroll", svyratio(~api.stu, ~enroll, r))
put_stat("dclus1 JK1 mean api00 comp.imp=Yes", svymean(~api00, subset(r, comp.imp == "Yes")))
put_stat("dclus1 JK1 total enroll stype=H", svytotal(~enroll, subset(r, stype == "H")))
put_by("dclus1 JK1 mean api00 by stype", svyby(~api00, ~stype, r, svymean, covmat = TRUE))
put_vector("dclus1 JK1 proportions stype", svymean(~factor(stype), r))
put("dclus1 JK1 degf", "value", degf(r))
put("dclus1 JK1 degf stype=H", "value", degf(subset(r, stype == "H")))
put("dclus1 JK1 degf comp.imp=Yes", "value", degf(subset(r, comp.imp == "Yes")))
put_stat("dclus1_nofpc JK1 mean api00", svymean(~api00, as.svrepdesign(dclus1_nofpc)))

r <- as.svrepdesign(dstrat, type = "JKn")
put_stat("dstrat JKn total enroll", svytotal(~enroll, r))
put_ratio("dstrat JKn ratio api00/api99", svyratio(~api00, ~api99, r))
put_stat("dstrat JKn mean api00 comp.imp=Yes", svymean(~api00, subset(r, comp.imp == "Yes")))
put_by("dstrat JKn mean api00 by stype", svyby(~api00, ~stype, r, svymean, covmat = TRUE))
put_by("dstrat JKn mean api00 by comp.imp", svyby(~api00, ~comp.imp, r, svymean, covmat = TRUE))
put_vector("dstrat JKn proportions sch.wide", svymean(~factor(sch.wide), r))
put_stat("dstrat JKn mean api00_missing", svymean(~api00_missing, r, na.rm = TRUE))
put("dstrat JKn degf", "value", degf(r))
put("dstrat JKn degf comp.imp=Yes", "value", degf(subset(r, comp.imp == "Yes")))
put("dstrat JKn degf stype=E", "value", degf(subset(r, stype == "E")))
put_stat("dstrat_nofpc JKn mean api00", svymean(~api00, as.svrepdesign(dstrat_nofpc, type = "JKn")))

r <- as.svrepdesign(dclus1s, type = "JKn")
put_stat("dclus1s JKn mean api00", svymean(~api00, r))
put_stat("dclus1s JKn total enroll", svytotal(~enroll, r))
put_by("dclus1s JKn mean api00 by sch.wide", svyby(~api00, ~sch.wide, r, svymean, covmat = TRUE))
put("dclus1s JKn degf", "value", degf(r))
put("dclus1s JKn degf comp.imp=Yes", "value", degf(subset(r, comp.imp == "Yes")))
put("dclus1s JKn degf stype=H", "value", degf(subset(r, stype == "H")))
# Its compressed factors per PSU, to rebuild the design from given weights (rscales given).
psu <- paste(clus1$stype, clus1$dnum)
units <- psu[!duplicated(psu)]
w <- r$repweights$weights
out <- data.frame(unit = gsub(" ", "_", units))
for (j in seq_len(ncol(w))) out[[paste0("r", j)]] <- num(w[, j])
write.csv(out, "jkn-dclus1s.csv", row.names = FALSE, quote = FALSE)
for (j in seq_along(r$rscales)) put("dclus1s JKn rscales", paste0("r", j), r$rscales[j])

# Lonely PSUs: the H stratum of lonely.csv has one district.
for (rule in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = rule)
  dl <- svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = lonely, nest = TRUE)
  rl <- as.svrepdesign(dl, type = "JKn")
  put_stat(paste("lonely JKn", rule, "mean api00"), svymean(~api00, rl))
  put_stat(paste("lonely JKn", rule, "total api00"), svytotal(~api00, rl))
  put(paste("lonely JKn", rule, "degf"), "value", degf(rl))
  put(paste("lonely JKn", rule, "degf stype=E"), "value", degf(subset(rl, stype == "E")))
}
options(survey.lonely.psu = "fail")

# Given weights: dclus1's JK1 factors per respondent, as combined weights with R's scale and
# with svrepdesign's guessed scale (R-1)/R.
r <- as.svrepdesign(dclus1, compress = FALSE)
f <- as.matrix(r$repweights)
out <- data.frame(row = seq_len(nrow(f)))
for (j in seq_len(ncol(f))) out[[paste0("r", j)]] <- num(f[, j])
write.csv(out, "jk1-dclus1.csv", row.names = FALSE, quote = FALSE)
given <- svrepdesign(data = clus1, repweights = f * clus1$pw, weights = ~pw, type = "JK1",
                     combined.weights = TRUE, scale = r$scale)
put_stat("given JK1 mean api00", svymean(~api00, given))
put_stat("given JK1 mean api00 comp.imp=Yes", svymean(~api00, subset(given, comp.imp == "Yes")))
put("given JK1 degf", "value", degf(given))
put("given JK1 degf stype=H", "value", degf(subset(given, stype == "H")))
guessed <- suppressWarnings(svrepdesign(data = clus1, repweights = f * clus1$pw, weights = ~pw, type = "JK1",
                                        combined.weights = TRUE))
put_stat("given JK1 guessed scale mean api00", svymean(~api00, guessed))

# Bootstrap: R's own replicates, imported exactly.
set.seed(42)
b <- as.svrepdesign(dclus1, type = "bootstrap", replicates = 100)
put("dclus1 boot42", "scale", b$scale)
put_stat("dclus1 boot42 mean api00", svymean(~api00, b))
put_stat("dclus1 boot42 total enroll", svytotal(~enroll, b))
put_stat("dclus1 boot42 mean api00 comp.imp=Yes", svymean(~api00, subset(b, comp.imp == "Yes")))
put("dclus1 boot42 degf", "value", degf(b))
units <- clus1$dnum[!duplicated(clus1$dnum)]
w <- b$repweights$weights
out <- data.frame(unit = units)
for (j in seq_len(ncol(w))) out[[paste0("r", j)]] <- num(w[, j])
write.csv(out, "boot-dclus1.csv", row.names = FALSE, quote = FALSE)

set.seed(7)
b <- as.svrepdesign(dstrat, type = "bootstrap", replicates = 50, compress = FALSE)
f <- as.matrix(b$repweights)
out <- data.frame(row = seq_len(nrow(f)))
for (j in seq_len(ncol(f))) out[[paste0("r", j)]] <- num(f[, j])
write.csv(out, "boot-dstrat.csv", row.names = FALSE, quote = FALSE)
put("dstrat boot7", "scale", b$scale)
put_stat("dstrat boot7 mean api00", svymean(~api00, b))
put_stat("dstrat boot7 total enroll", svytotal(~enroll, b))
put_by("dstrat boot7 mean api00 by stype", svyby(~api00, ~stype, b, svymean, covmat = TRUE))
put("dstrat boot7 degf", "value", degf(b))
combined <- svrepdesign(data = strat, repweights = f * strat$pw, weights = ~pw, type = "bootstrap",
                        combined.weights = TRUE, scale = b$scale)
put_stat("dstrat boot7 combined mean api00", svymean(~api00, combined))
put("dstrat boot7 combined degf", "value", degf(combined))

# Many bootstrap replicates, for the Monte Carlo check of Confide's own bootstrap. With no fpc
# the expected bootstrap variance of a total is exactly the linearised with-replacement variance.
set.seed(20261130)
b <- as.svrepdesign(dclus1, type = "bootstrap", replicates = 5000)
put_stat("dclus1 boot5000 mean api00", svymean(~api00, b))
put_stat("dclus1 boot5000 total enroll", svytotal(~enroll, b))
b <- as.svrepdesign(dstrat, type = "bootstrap", replicates = 5000)
put_stat("dstrat boot5000 mean api00", svymean(~api00, b))
put_stat("dclus1_nofpc taylor total enroll", svytotal(~enroll, dclus1_nofpc))
b <- as.svrepdesign(dclus1, type = "subbootstrap", replicates = 5000)
put_stat("dclus1 subboot5000 mean api00", svymean(~api00, b))
put_stat("dclus1 subboot5000 total enroll", svytotal(~enroll, b))

write.csv(results, "replication-results.csv", row.names = FALSE, quote = FALSE)
