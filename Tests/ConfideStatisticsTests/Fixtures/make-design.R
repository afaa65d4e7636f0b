# Reference values for Confide's design-based estimators, from R's survey package.
# Run from this folder: Rscript make-design.R
# Writes the input data (so tests never need R) and design-results.csv (case,statistic,value).
suppressMessages(library(survey))
data(api)
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
put_stat <- function(case, est) {
  put(case, "estimate", coef(est)[1])
  put(case, "se", SE(est)[1])
  d <- attr(est, "deff")
  if (!is.null(d)) put(case, "deff", d[1])
}
put_by <- function(case, by) {
  est <- coef(by)
  se <- SE(by)
  for (i in seq_along(est)) {
    put(paste0(case, ":", names(est)[i]), "estimate", est[i])
    put(paste0(case, ":", names(est)[i]), "se", se[i])
  }
}
# Data frames written with every number at full precision (write.csv keeps only 15 digits).
write_data <- function(df, file) {
  out <- df
  for (column in names(out)) {
    if (is.numeric(out[[column]])) out[[column]] <- ifelse(is.na(out[[column]]), "NA", num(out[[column]]))
  }
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}

strat <- apistrat[, c("stype", "pw", "fpc", "api00", "api99", "enroll", "api.stu", "comp.imp", "sch.wide",
                      "ell", "meals", "mobility", "avg.ed", "emer")]
clus1 <- apiclus1[, c("dnum", "stype", "pw", "fpc", "api00", "api99", "enroll", "api.stu", "comp.imp", "sch.wide",
                      "ell", "meals", "mobility")]
write_data(clus1, "apiclus1.csv")

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
dstrat_nofpc <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
dclus1_nofpc <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1)
dsrs_unweighted <- svydesign(id = ~1, data = apistrat)
dclus1_fraction <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~I(15 / fpc))

put_stat("dstrat mean api00", svymean(~api00, dstrat, deff = TRUE))
put_stat("dstrat total enroll", svytotal(~enroll, dstrat, deff = TRUE))
put_stat("dstrat_nofpc mean api00", svymean(~api00, dstrat_nofpc, deff = TRUE))
put_stat("dclus1 mean api00", svymean(~api00, dclus1, deff = TRUE))
put_stat("dclus1 total enroll", svytotal(~enroll, dclus1, deff = TRUE))
put_stat("dclus1_nofpc mean api00", svymean(~api00, dclus1_nofpc, deff = TRUE))
put_stat("dclus1_fraction mean api00", svymean(~api00, dclus1_fraction, deff = TRUE))
put_stat("dsrs_unweighted mean api00", svymean(~api00, dsrs_unweighted, deff = TRUE))
put_stat("dstrat mean sch.wide=Yes", svymean(~I(as.numeric(sch.wide == "Yes")), dstrat, deff = TRUE))

r <- svyratio(~api.stu, ~enroll, dclus1)
put("dclus1 ratio api.stu/enroll", "estimate", coef(r))
put("dclus1 ratio api.stu/enroll", "se", SE(r))
r <- svyratio(~api00, ~api99, dstrat)
put("dstrat ratio api00/api99", "estimate", coef(r))
put("dstrat ratio api00/api99", "se", SE(r))

# Domains, by subset() (the design keeps its other PSUs) and by svyby().
put_stat("dstrat mean api00 comp.imp=Yes", svymean(~api00, subset(dstrat, comp.imp == "Yes"), deff = TRUE))
put_stat("dclus1 mean api00 comp.imp=Yes", svymean(~api00, subset(dclus1, comp.imp == "Yes"), deff = TRUE))
put_stat("dclus1 total enroll stype=H", svytotal(~enroll, subset(dclus1, stype == "H"), deff = TRUE))
put("dstrat degf comp.imp=Yes", "value", degf(subset(dstrat, comp.imp == "Yes")))
put("dclus1 degf stype=H", "value", degf(subset(dclus1, stype == "H")))
put("dclus1 degf", "value", degf(dclus1))
put("dstrat degf", "value", degf(dstrat))
put_by("dstrat mean api00 by stype", svyby(~api00, ~stype, dstrat, svymean))
put_by("dclus1 mean api00 by stype", svyby(~api00, ~stype, dclus1, svymean))
put_by("dclus1 mean api00 by stype+sch.wide", svyby(~api00, ~stype + sch.wide, dclus1, svymean))

# Group means with their covariance, and contrasts between groups (svycontrast).
for (d in c("dstrat", "dclus1")) {
  by <- svyby(~api00, ~stype, get(d), svymean, covmat = TRUE)
  V <- vcov(by)
  for (a in rownames(V)) for (b in colnames(V)) put(paste(d, "by stype cov"), paste0(a, "-", b), V[a, b])
  put_stat(paste(d, "contrast H-E"), svycontrast(by, c(E = -1, H = 1, M = 0)))
  put_stat(paste(d, "contrast M-(E+H)/2"), svycontrast(by, c(E = -0.5, H = -0.5, M = 1)))
}

# The variance of a raked design: the weights of the last round of raking, per margin, so that a
# test can rebuild the calibration history and check the variance residualisation on its own.
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
pop.compimp <- data.frame(comp.imp = c("No", "Yes"), Freq = c(2290, 3904))
raked <- rake(dclus1, list(~stype, ~sch.wide, ~comp.imp), list(pop.types, pop.schwide, pop.compimp))
margins <- raked$postStrata[[1]]
rk <- data.frame(final = weights(raked))
for (i in seq_along(margins)) rk[[paste0("w", i)]] <- attr(margins[[i]], "weights")

ps <- postStratify(dclus1, ~stype, pop.types)
rk$poststratified <- weights(ps)
write_data(rk, "raked-weights.csv")
put_stat("raked mean api00", svymean(~api00, raked))
put_stat("raked total enroll", svytotal(~enroll, raked))
put_stat("raked mean api00 comp.imp=Yes", svymean(~api00, subset(raked, comp.imp == "Yes")))

put_stat("poststratified mean api00", svymean(~api00, ps))

# Missing values: a column with NAs, estimated with na.rm=TRUE.
set.seed(20261130)
strat$api00_missing <- ifelse(runif(nrow(strat)) < 0.2, NA, strat$api00)
# Zero weights: three schools kept in the design without counting (R's prob = Inf).
strat$pw_zero <- strat$pw
strat$pw_zero[c(3, 50, 120)] <- 0
write_data(strat, "apistrat.csv")
dstrat_na <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)
dstrat_zero <- svydesign(id = ~1, strata = ~stype, weights = ~pw_zero, data = strat, fpc = ~fpc)
put_stat("dstrat_zero mean api00", svymean(~api00, dstrat_zero, deff = TRUE))
put_stat("dstrat_zero total enroll", svytotal(~enroll, dstrat_zero, deff = TRUE))
put("dstrat_zero degf", "value", degf(dstrat_zero))
put_by("dstrat_zero mean api00 by stype", svyby(~api00, ~stype, dstrat_zero, svymean))
put_stat("dstrat mean api00_missing", svymean(~api00_missing, dstrat_na, na.rm = TRUE, deff = TRUE))
put_stat("dstrat total api00_missing", svytotal(~api00_missing, dstrat_na, na.rm = TRUE, deff = TRUE))

# A stratum with a single PSU: apiclus1 stratified by stype, keeping one district of high schools.
lonely <- apiclus1[apiclus1$stype != "H" | apiclus1$dnum == apiclus1$dnum[apiclus1$stype == "H"][1],
                   c("dnum", "stype", "pw", "api00")]
write_data(lonely, "lonely.csv")
for (rule in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = rule)
  dl <- svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = lonely, nest = TRUE)
  put_stat(paste("lonely", rule, "mean api00"), svymean(~api00, dl))
  put_stat(paste("lonely", rule, "total api00"), svytotal(~api00, dl))
}
options(survey.lonely.psu = "fail")

write.csv(results, "design-results.csv", row.names = FALSE, quote = FALSE)
