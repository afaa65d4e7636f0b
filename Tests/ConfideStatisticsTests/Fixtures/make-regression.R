# Reference values for Confide's survey-weighted regression (Regression/), from R's survey package.
# Run from this folder: Rscript make-regression.R
# Reads the api data written by make-design.R (apistrat.csv, apiclus1.csv) so that R and the tests
# see the same numbers, and writes regression-results.csv (case,statistic,value).
# Derived columns, made the same way by the tests:
#   yes          1 when sch.wide is "Yes", else 0
#   improved     1 when comp.imp is "Yes", else 0
#   ell_missing  ell, missing on rows 9, 18, 27, ... (row %% 9 == 0)
#   yes_missing  yes, missing on rows 11, 22, 33, ... (row %% 11 == 0)
#   mealcat      "a".."d" by meals cut at 25, 50, 75 (a value at a cut point goes up)
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
# Every coefficient's estimate, SE, t, p and 95% interval (confint's default: t on df.residual).
put_model <- function(case, model) {
  s <- summary(model)$coefficients
  ci <- confint(model)
  for (name in rownames(s)) {
    put(case, paste0("estimate:", name), s[name, 1])
    put(case, paste0("se:", name), s[name, 2])
    put(case, paste0("t:", name), s[name, 3])
    put(case, paste0("p:", name), s[name, 4])
    put(case, paste0("lower:", name), ci[name, 1])
    put(case, paste0("upper:", name), ci[name, 2])
  }
  V <- vcov(model)
  for (a in rownames(V)) for (b in colnames(V)) put(case, paste0("cov:", a, "|", b), V[a, b])
  put(case, "df", model$df.residual)
  put(case, "iterations", model$iter)
}
put_term <- function(case, model, term) {
  test <- regTermTest(model, term)
  label <- paste(attr(terms(term), "term.labels"), collapse = "+")
  put(case, paste0("F:", label), test$Ftest)
  put(case, paste0("ndf:", label), test$df)
  put(case, paste0("ddf:", label), test$ddf)
  put(case, paste0("p:", label), test$p)
}

strat <- read.csv("apistrat.csv")
clus1 <- read.csv("apiclus1.csv")
for (name in c("strat", "clus1")) {
  d <- get(name)
  d$yes <- as.numeric(d$sch.wide == "Yes")
  d$improved <- as.numeric(d$comp.imp == "Yes")
  d$ell_missing <- ifelse(seq_len(nrow(d)) %% 9 == 0, NA, d$ell)
  d$yes_missing <- ifelse(seq_len(nrow(d)) %% 11 == 0, NA, d$yes)
  d$mealcat <- c("a", "b", "c", "d")[findInterval(d$meals, c(25, 50, 75)) + 1]
  assign(name, d)
}
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = clus1, fpc = ~fpc)

# The oracle: logistic regression on the stratified sample, at R's default and tight convergence.
put_model("logit dstrat yes~ell+meals+mobility", svyglm(yes ~ ell + meals + mobility, dstrat, family = quasibinomial()))
put_model("logit dstrat yes~ell+meals+mobility tight",
          svyglm(yes ~ ell + meals + mobility, dstrat, family = quasibinomial(),
                 control = glm.control(epsilon = 1e-14, maxit = 100)))
put_model("logit dclus1 yes~ell+meals+mobility", svyglm(yes ~ ell + meals + mobility, dclus1, family = quasibinomial()))

# Linear models, numeric and categorical predictors.
put_model("linear dclus1 api00~ell+meals+mobility", svyglm(api00 ~ ell + meals + mobility, dclus1))
put_model("linear dstrat api00~ell+meals+stype", svyglm(api00 ~ ell + meals + stype, dstrat))
strat_m <- strat
strat_m$stype <- relevel(factor(strat_m$stype), ref = "M")
dstrat_m <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat_m, fpc = ~fpc)
put_model("linear dstrat api00~ell+meals+stype(ref M)", svyglm(api00 ~ ell + meals + stype, dstrat_m))
put_model("linear dstrat api00~stype+meals-1", svyglm(api00 ~ stype + meals - 1, dstrat))

# Interactions and Wald tests of several coefficients (regTermTest).
m <- svyglm(api00 ~ stype * meals, dstrat)
put_model("linear dstrat api00~stype*meals", m)
put_term("linear dstrat api00~stype*meals", m, ~stype:meals)
put_term("linear dstrat api00~stype*meals", m, ~stype)
m <- svyglm(api00 ~ stype * comp.imp, dclus1)
put_model("linear dclus1 api00~stype*comp.imp", m)
put_term("linear dclus1 api00~stype*comp.imp", m, ~stype:comp.imp)
m <- svyglm(improved ~ stype * mealcat, dstrat, family = quasibinomial())
put_model("logit dstrat improved~stype*mealcat", m)
put_term("logit dstrat improved~stype*mealcat", m, ~stype:mealcat)
put_term("logit dstrat improved~stype*mealcat", m, ~mealcat)
m <- svyglm(yes ~ stype * meals, dclus1, family = quasibinomial())
put_model("logit dclus1 yes~stype*meals", m)
put_term("logit dclus1 yes~stype*meals", m, ~stype:meals)

# Domains: svyglm on subset(design), which keeps the other PSUs for the variance.
put_model("linear dstrat comp.imp=Yes api00~ell+meals",
          svyglm(api00 ~ ell + meals, subset(dstrat, comp.imp == "Yes")))
put_model("logit dclus1 stype=E yes~meals+mobility",
          svyglm(yes ~ meals + mobility, subset(dclus1, stype == "E"), family = quasibinomial()))
put_model("linear dclus1 stype=E api00~meals+ell_missing",
          svyglm(api00 ~ meals + ell_missing, subset(dclus1, stype == "E")))

# Missing values in the outcome and a predictor (na.omit, then the design is subset).
put_model("linear dstrat api00_missing~ell_missing+meals", svyglm(api00_missing ~ ell_missing + meals, dstrat))
put_model("logit dstrat yes_missing~ell_missing+mealcat",
          svyglm(yes_missing ~ ell_missing + mealcat, dstrat, family = quasibinomial()))

# A post-stratified design (stype to its population counts): the variance residualises the
# influence on the post-strata, and a domain of a calibrated design keeps every row.
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
dclus1p <- postStratify(dclus1, ~stype, pop.types)
put_model("linear dclus1 poststratified api00~ell+meals", svyglm(api00 ~ ell + meals, dclus1p))
put_model("logit dclus1 poststratified stype=E yes~meals",
          svyglm(yes ~ meals, subset(dclus1p, stype == "E"), family = quasibinomial()))

# Separation: every middle school that met its improvement target also met the school-wide one.
# R returns a huge coefficient (stypeM:comp.impYes ~ 16) without a warning; Confide refuses it.
m <- suppressWarnings(svyglm(yes ~ stype * comp.imp, dstrat, family = quasibinomial()))
put("separation dstrat yes~stype*comp.imp", "estimate:stypeM:comp.impYes", coef(m)["stypeM:comp.impYes"])
put("separation dstrat yes~stype*comp.imp", "se:stypeM:comp.impYes", SE(m)["stypeM:comp.impYes"])
m <- suppressWarnings(svyglm(yes ~ comp.imp * mealcat, dstrat, family = quasibinomial()))
put("separation dstrat yes~comp.imp*mealcat", "estimate:comp.impYes:mealcatd", coef(m)["comp.impYes:mealcatd"])

write.csv(results, "regression-results.csv", row.names = FALSE, quote = FALSE)
