# Reference values for Confide's design-based two-way tables and Rao-Scott tests (Tables/), from
# R's survey package (svytable, svychisq). Run from this folder: Rscript make-tables.R
# Reads the api data written by make-design.R (apistrat.csv, apiclus1.csv) and writes
# tables-results.csv (case,statistic,value). Derived columns, made the same way by the tests:
#   mealcat           "a".."d" by meals cut at 25, 50, 75 (a value at a cut point goes up)
#   sch.wide_missing  sch.wide, missing on rows 11, 22, 33, ... (row %% 11 == 0)
#   mealcat_missing   mealcat, missing on rows 7, 14, 21, ... (row %% 7 == 0)
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
# svychisq with each statistic, and the weighted table (svytable) it rests on.
put_table <- function(case, formula, design) {
  for (statistic in c("F", "Chisq", "Wald", "adjWald")) {
    test <- svychisq(formula, design, statistic = statistic)
    put(case, paste0(statistic, ":statistic"), test$statistic)
    for (p in names(test$parameter)) put(case, paste0(statistic, ":", p), test$parameter[[p]])
    put(case, paste0(statistic, ":p"), test$p.value)
  }
  counts <- svytable(formula, design)
  for (r in rownames(counts)) for (c in colnames(counts)) put(case, paste0("count:", r, "|", c), counts[r, c])
}

strat <- read.csv("apistrat.csv")
clus1 <- read.csv("apiclus1.csv")
for (name in c("strat", "clus1")) {
  d <- get(name)
  d$mealcat <- c("a", "b", "c", "d")[findInterval(d$meals, c(25, 50, 75)) + 1]
  d$sch.wide_missing <- ifelse(seq_len(nrow(d)) %% 11 == 0, NA, d$sch.wide)
  d$mealcat_missing <- ifelse(seq_len(nrow(d)) %% 7 == 0, NA, d$mealcat)
  assign(name, d)
}
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = clus1, fpc = ~fpc)

# The oracle: 2x3 tables on the cluster and the stratified sample.
put_table("dclus1 sch.wide+stype", ~sch.wide + stype, dclus1)
put_table("dstrat sch.wide+stype", ~sch.wide + stype, dstrat)
# 3x4 tables.
put_table("dstrat stype+mealcat", ~stype + mealcat, dstrat)
put_table("dclus1 stype+mealcat", ~stype + mealcat, dclus1)
# Domains (subset keeps the other PSUs for the variance; degrees of freedom are the domain's).
put_table("dstrat comp.imp=Yes sch.wide+stype", ~sch.wide + stype, subset(dstrat, comp.imp == "Yes"))
# A domain with empty cells (no high school with comp.imp "No" has mealcat c or d).
put_table("dclus1 comp.imp=No stype+mealcat", ~stype + mealcat, subset(dclus1, comp.imp == "No"))
# A domain where one level of a variable has no respondent. R gives F = NaN here, because stype
# keeps its unused level "H" as an empty table column; with the level dropped (droplevels), R
# gives the test Confide computes, which leaves out levels no respondent in the domain has.
notH <- subset(dclus1, stype != "H")
notH$variables$stype <- droplevels(factor(notH$variables$stype))
put_table("dclus1 stype!=H sch.wide+stype", ~sch.wide + stype, notH)
# Missing values in either variable (rows missing either are left out of the table).
put_table("dstrat sch.wide_missing+stype", ~sch.wide_missing + stype, dstrat)
put_table("dclus1 comp.imp+mealcat_missing", ~comp.imp + mealcat_missing, dclus1)

# A post-stratified design (stype to its population counts), whole and in a domain (a calibrated
# design's subset keeps every row with a zero weight, so N and the degrees of freedom count them).
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
dclus1p <- postStratify(dclus1, ~stype, pop.types)
put_table("dclus1 poststratified sch.wide+stype", ~sch.wide + stype, dclus1p)
put_table("dclus1 poststratified comp.imp=No sch.wide+mealcat", ~sch.wide + mealcat, subset(dclus1p, comp.imp == "No"))

write.csv(results, "tables-results.csv", row.names = FALSE, quote = FALSE)
