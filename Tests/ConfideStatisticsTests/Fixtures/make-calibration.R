# Reference values for Confide's calibration (post-stratification, raking, weight trimming and
# weight diagnostics), from R's survey package on the api data.
# Run from this folder after make-design.R: Rscript make-calibration.R
# Reads apiclus1.csv and apistrat.csv (written by make-design.R) and writes
# calibration-results.csv (case,statistic,value) and the calibrated weights themselves,
# calibrated-weights-clus1.csv and calibrated-weights-strat.csv (one column per case).
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
put_stat <- function(case, est) {
  put(case, "estimate", coef(est)[1])
  put(case, "se", SE(est)[1])
}
put_by <- function(case, by) {
  est <- coef(by)
  se <- SE(by)
  for (i in seq_along(est)) {
    put(paste0(case, ":", names(est)[i]), "estimate", est[i])
    put(paste0(case, ":", names(est)[i]), "se", se[i])
  }
}
# The estimates checked on every calibrated design.
put_estimates <- function(name, d) {
  put_stat(paste(name, "mean api00"), svymean(~api00, d))
  put_stat(paste(name, "total enroll"), svytotal(~enroll, d))
  put_stat(paste(name, "mean sch.wide=Yes"), svymean(~I(as.numeric(sch.wide == "Yes")), d))
  r <- svyratio(~api.stu, ~enroll, d)
  put(paste(name, "ratio api.stu/enroll"), "estimate", coef(r))
  put(paste(name, "ratio api.stu/enroll"), "se", SE(r))
  put_stat(paste(name, "mean api00 comp.imp=Yes"), svymean(~api00, subset(d, comp.imp == "Yes")))
  put_stat(paste(name, "total enroll comp.imp=Yes"), svytotal(~enroll, subset(d, comp.imp == "Yes")))
  put(paste(name, "degf comp.imp=Yes"), "value", degf(subset(d, comp.imp == "Yes")))
  put_by(paste(name, "mean api00 by comp.imp"), svyby(~api00, ~comp.imp, d, svymean))
  put_by(paste(name, "mean api00 by stype"), svyby(~api00, ~stype, d, svymean))
}
# Kish's design effect due to weighting and the effective sample size, from the formulas
# (respondents with a positive weight only), with a summary of the weights.
put_kish <- function(name, w) {
  w <- w[w > 0]
  n <- length(w)
  put(name, "n", n)
  put(name, "sum", sum(w))
  put(name, "min", min(w))
  put(name, "max", max(w))
  put(name, "mean", mean(w))
  put(name, "cv", sqrt(mean((w - mean(w))^2)) / mean(w))
  put(name, "kish deff", n * sum(w^2) / sum(w)^2)
  put(name, "effective n", sum(w)^2 / sum(w^2))
}
# How many rounds raking takes: the smallest maxit at which rake() does not warn.
rounds <- function(...) {
  for (maxit in 1:200) {
    ok <- TRUE
    withCallingHandlers(rake(..., control = list(maxit = maxit, epsilon = epsilon_now)),
                        warning = function(w) { ok <<- FALSE; invokeRestart("muffleWarning") })
    if (ok) return(maxit)
  }
  NA
}

clus1 <- read.csv("apiclus1.csv")
strat <- read.csv("apistrat.csv")
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = clus1, fpc = ~fpc)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)

# Population counts (the California population of schools, apipop).
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
pop.compimp <- data.frame(comp.imp = c("No", "Yes"), Freq = c(1712, 4482))
pop.cross <- data.frame(stype = c("E", "H", "M", "E", "H", "M"), sch.wide = c("No", "No", "No", "Yes", "Yes", "Yes"),
                        Freq = c(472, 334, 266, 3949, 421, 752))
for (p in c("pop.types", "pop.schwide", "pop.compimp", "pop.cross")) {
  pop <- get(p)
  for (i in seq_len(nrow(pop))) {
    put(paste("population", p), paste(unlist(pop[i, names(pop) != "Freq"]), collapse = "."), pop$Freq[i])
  }
}

wclus1 <- data.frame(row = seq_len(nrow(clus1)))
wstrat <- data.frame(row = seq_len(nrow(strat)))

# Post-stratification: one variable on the cluster design, one and two variables on the
# stratified design, and a population level absent from the sample with partial=TRUE.
ps_clus1 <- postStratify(dclus1, ~stype, pop.types)
wclus1$ps_stype <- weights(ps_clus1)
put_estimates("ps_clus1", ps_clus1)
put_stat("dclus1 mean api00", svymean(~api00, dclus1))
ps_strat <- postStratify(dstrat, ~sch.wide, pop.schwide)
wstrat$ps_schwide <- weights(ps_strat)
put_estimates("ps_strat", ps_strat)
ps_cross <- postStratify(dstrat, ~stype + sch.wide, pop.cross)
wstrat$ps_cross <- weights(ps_cross)
put_estimates("ps_cross", ps_cross)
pop.extra <- rbind(pop.schwide, data.frame(sch.wide = "Maybe", Freq = 100))
ps_partial <- suppressWarnings(postStratify(dstrat, ~sch.wide, pop.extra, partial = TRUE))
wstrat$ps_partial <- weights(ps_partial)
put_stat("ps_partial mean api00", svymean(~api00, ps_partial))

# Raking with R's default control (maxit 10, epsilon 1).
rake2 <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide))
wclus1$rake2 <- weights(rake2)
put_estimates("rake2", rake2)
epsilon_now <- 1
put("rake2", "rounds", rounds(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide)))

margins3 <- list(~stype, ~sch.wide, ~comp.imp)
pops3 <- list(pop.types, pop.schwide, pop.compimp)
rake3 <- rake(dclus1, margins3, pops3)
wclus1$rake3 <- weights(rake3)
put_estimates("rake3", rake3)
put("rake3", "rounds", rounds(dclus1, margins3, pops3))

# A tight epsilon (below 1: a fraction of the total weight).
epsilon_now <- 1e-9
rake3_tight <- rake(dclus1, margins3, pops3, control = list(maxit = 100, epsilon = 1e-9))
wclus1$rake3_tight <- weights(rake3_tight)
put_estimates("rake3_tight", rake3_tight)
put("rake3_tight", "rounds", rounds(dclus1, margins3, pops3))

# Not converged: R warns and returns the last round's weights.
rake3_two <- suppressWarnings(rake(dclus1, margins3, pops3, control = list(maxit = 2, epsilon = 1e-9)))
wclus1$rake3_two <- weights(rake3_two)
put_estimates("rake3_two", rake3_two)

# Raking a design that was already post-stratified keeps the earlier step.
ps_then_rake <- rake(ps_clus1, list(~sch.wide, ~comp.imp), list(pop.schwide, pop.compimp))
wclus1$ps_then_rake <- weights(ps_then_rake)
put_estimates("ps_then_rake", ps_then_rake)

# Raking the stratified design (strata and fpc).
epsilon_now <- 1
rake_strat <- rake(dstrat, list(~sch.wide, ~comp.imp), list(pop.schwide, pop.compimp))
wstrat$rake_strat <- weights(rake_strat)
put_estimates("rake_strat", rake_strat)
put("rake_strat", "rounds", rounds(dstrat, list(~sch.wide, ~comp.imp), list(pop.schwide, pop.compimp)))

# Weight trimming: once, and strictly (repeated until every weight is within the bounds), on the
# stratified design and on a raked design (whose raking is kept, as R keeps postStrata).
trim_strat <- trimWeights(dstrat, lower = 16, upper = 40)
wstrat$trim_strat <- weights(trim_strat)
put_stat("trim_strat mean api00", svymean(~api00, trim_strat))
put_stat("trim_strat total enroll", svytotal(~enroll, trim_strat))
trim_strat_strict <- trimWeights(dstrat, lower = 16, upper = 40, strict = TRUE)
wstrat$trim_strat_strict <- weights(trim_strat_strict)
put_stat("trim_strat_strict mean api00", svymean(~api00, trim_strat_strict))
trim_rake3 <- trimWeights(rake3, lower = 25, upper = 38)
wclus1$trim_rake3 <- weights(trim_rake3)
put_estimates("trim_rake3", trim_rake3)
trim_rake3_strict <- trimWeights(rake3, lower = 25, upper = 38, strict = TRUE)
wclus1$trim_rake3_strict <- weights(trim_rake3_strict)
put_estimates("trim_rake3_strict", trim_rake3_strict)
trim_ps <- trimWeights(ps_strat, upper = 45)
wstrat$trim_ps <- weights(trim_ps)
put_estimates("trim_ps", trim_ps)

# Weight diagnostics.
put_kish("kish dstrat", weights(dstrat))
put_kish("kish rake3", weights(rake3))
put_kish("kish rake3 comp.imp=Yes", weights(rake3)[clus1$comp.imp == "Yes"])
put_kish("kish trim_strat stype=E", weights(trim_strat)[strat$stype == "E"])

# Linear (GREG) calibration to a population size, school-type counts and the total of api99.
greg_clus1 <- calibrate(dclus1, ~stype + api99, c(6194, 755, 1018, 3914069))
wclus1$greg <- weights(greg_clus1)
put_stat("greg_clus1 mean api00", svymean(~api00, greg_clus1))
put_stat("greg_clus1 total enroll", svytotal(~enroll, greg_clus1))
greg_strat <- calibrate(dstrat, ~sch.wide + api99, c(6194, 5122, 3914069))
wstrat$greg <- weights(greg_strat)
put_stat("greg_strat mean api00", svymean(~api00, greg_strat))
put_stat("greg_strat total enroll", svytotal(~enroll, greg_strat))

write_wide <- function(df, file) {
  out <- df
  for (column in names(out)[-1]) out[[column]] <- num(out[[column]])
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}
write_wide(wclus1, "calibrated-weights-clus1.csv")
write_wide(wstrat, "calibrated-weights-strat.csv")
write.csv(results, "calibration-results.csv", row.names = FALSE, quote = FALSE)
