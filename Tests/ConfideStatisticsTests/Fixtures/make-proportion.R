# Reference values for Confide's confidence intervals of proportions and estimates, from R's
# survey package (svyciprop, confint). Run from this folder after make-design.R:
# Rscript make-proportion.R   (reads apiclus1.csv and apistrat.csv; writes proportion-results.csv)
#
# survey 4.1-1 has no svyciprop(method = "wilson") (added in 4.5, whose source was not at hand).
# Its reference is computed here by hand from the method's description: Wilson's score interval
# with the effective sample size n* = p(1 - p)/var(p) and the t quantile on df degrees of freedom,
#   (p + t^2/(2n*) -/+ t sqrt(p(1 - p)/n* + t^2/(4n*^2))) / (1 + t^2/n*).
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
read <- function(file) read.csv(file, stringsAsFactors = FALSE)
clus1 <- read("apiclus1.csv")
strat <- read("apistrat.csv")

wilson <- function(m, level, df) {
  p <- coef(m)[1]
  n <- p * (1 - p) / vcov(m)[1, 1]
  t <- qt(1 - (1 - level) / 2, df)
  centre <- (p + t^2 / (2 * n)) / (1 + t^2 / n)
  half <- t * sqrt(p * (1 - p) / n + t^2 / (4 * n^2)) / (1 + t^2 / n)
  c(centre - half, centre + half)
}

methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
put_case <- function(case, formula, design, levels = c(0.95, 0.9, 0.99), df = degf(design)) {
  m <- svymean(as.formula(paste0("~as.numeric(", deparse(formula[[2]]), ")")), design)
  put(case, "estimate", coef(m)[1])
  put(case, "se", SE(m)[1])
  put(case, "df", df)
  for (level in levels) {
    for (method in methods) {
      ci <- tryCatch(attr(svyciprop(formula, design, method = method, level = level, df = df), "ci"),
                     error = function(e) { message(case, " ", method, " ", level, ": ", conditionMessage(e)); c(NA, NA) })
      put(case, paste(method, level, "lower"), ci[1])
      put(case, paste(method, level, "upper"), ci[2])
    }
    ci <- wilson(m, level, df)
    put(case, paste("wilson", level, "lower"), ci[1])
    put(case, paste("wilson", level, "upper"), ci[2])
  }
}

dclus1nw <- svydesign(id = ~dnum, fpc = ~fpc, data = clus1)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat, fpc = ~fpc)

put_case("dclus1nw ell==0", ~I(ell == 0), dclus1nw)
put_case("dclus1 sch.wide==No", ~I(sch.wide == "No"), dclus1)
put_case("dstrat sch.wide==Yes", ~I(sch.wide == "Yes"), dstrat)
put_case("dstrat mobility>30", ~I(mobility > 30), dstrat)
put_case("dstrat comp.imp==Yes stype=H", ~I(comp.imp == "Yes"), subset(dstrat, stype == "H"))
put_case("dclus1 sch.wide==No stype=M", ~I(sch.wide == "No"), subset(dclus1, stype == "M"))
put_case("dclus1nw ell==0 normal", ~I(ell == 0), dclus1nw, levels = 0.95, df = Inf)

# Estimate intervals: confint.svystat (normal by default, t with df).
m <- svymean(~api00, dstrat)
ci <- confint(m)
put("dstrat mean api00 confint", "lower", ci[1])
put("dstrat mean api00 confint", "upper", ci[2])
ci <- confint(m, level = 0.9, df = degf(dstrat))
put("dstrat mean api00 confint t 0.9", "lower", ci[1])
put("dstrat mean api00 confint t 0.9", "upper", ci[2])
m <- svytotal(~enroll, dclus1)
ci <- confint(m, level = 0.99, df = degf(dclus1))
put("dclus1 total enroll confint t 0.99", "lower", ci[1])
put("dclus1 total enroll confint t 0.99", "upper", ci[2])

# p = 0 and p = 1: what R gives (NaN for all but mean, whose interval is [p, p]).
for (method in methods) {
  ci <- tryCatch(suppressWarnings(attr(svyciprop(~I(ell < 0), dclus1nw, method = method), "ci")),
                 error = function(e) c(NA, NA))  # likelihood: "profiling has found a better solution"
  ci[is.na(ci)] <- NaN  # undefined, written as NaN so that every value parses as a number
  put("dclus1nw p=0 R", paste(method, "lower"), ci[1])
  put("dclus1nw p=0 R", paste(method, "upper"), ci[2])
}
# What Confide defines instead (design effect 1, n* = number of respondents n, as Korn and
# Graubard advise for a proportion of 0 or 1), computed by hand.
n <- nrow(clus1)
df <- degf(dclus1nw)
for (level in c(0.95, 0.99)) {
  a <- 1 - level
  t <- qt(1 - a / 2, df)
  n_beta <- n * (qt(a / 2, n - 1) / qt(a / 2, df))^2
  put(paste("p=0 defined", level), "beta upper", qbeta(1 - a / 2, 1, n_beta))
  put(paste("p=0 defined", level), "wilson upper", t^2 / (n + t^2))
  put(paste("p=0 defined", level), "asin upper", sin(min(t / (2 * sqrt(n)), pi / 2))^2)
  put(paste("p=0 defined", level), "likelihood upper", 1 - exp(-t^2 / (2 * n)))
}
put("p=0 defined", "n", n)

write.csv(results, "proportion-results.csv", row.names = FALSE, quote = FALSE)
