# Reference values for Confide's experiment designs (vignette, list, paired items, 2x2 ratios),
# from R's survey package (4.1-1) and base R.
# Run from this folder: Rscript make-experiments.R
# Writes experiments.csv (a simulated survey the tests read) and experiments-results.csv
# (case,statistic,value). Every number is printed with sprintf("%.17g") so tests never need R.
#
# R's `list` package (Blair & Imai) is not installable here (not in Debian). Its design-effect
# test `ict.test(y, treat, J, gms = FALSE)` is therefore re-implemented below in base R from the
# published algorithm (Blair & Imai 2012, Political Analysis 20(1), section 3; the function body
# of list 9.2.x R/ict.test.R), with quadprog::solve.QP for the likelihood-ratio statistic (as
# ict.test does) and mvtnorm::pmvnorm (Genz-Bretz, abseps 1e-8) as an independent check of the
# chi-bar-squared weights. The published closed forms for 2 and 3 inequalities are used where
# they apply; for 4 inequalities ict.test's own weight formula is wrong (its weight for one
# degree of freedom exceeds 1), so the weights are computed from their definition
# (Kudo 1963; Shapiro 1985) with orthant probabilities from Plackett's (1954) identity.
#
# What is verified against what (list experiments):
# - the prevalence (difference in means) and its design SE: survey's svyby(covmat = TRUE) +
#   svycontrast, overall and by subgroup;
# - on an unweighted SRS: the design variance equals n/(n-1) x HC0 of lm(y ~ treat) (asserted
#   here); the Neyman variance s1²/n1 + s0²/n0 equals sandwich::vcovHC(type = "HC2") (asserted);
#   list::ictreg(method = "lm") reports vcovHC's default HC3 (read in list's R/ictreg.R), so
#   HC3 = s1²/(n1-1) + s0²/(n0-1) is written too. The published ictreg oracle (race data:
#   0.068 (0.05), control mean 2.134 (0.033)) cannot be run: the race data are not here;
# - the design-effect test: the base-R re-implementation below (type proportions, their
#   binomial covariances, solve.QP's lambda, chi-bar-squared weights, Welch t tests), checked
#   against ict.test's own closed-form weights for 2 and 3 inequalities and against mvtnorm.
suppressMessages(library(survey))
suppressMessages(library(quadprog))
suppressMessages(library(mvtnorm))
suppressMessages(library(sandwich))
data(api)
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
results <- data.frame(case = character(), statistic = character(), value = character())
put <- function(case, statistic, value) {
  stopifnot(length(value) == 1, is.finite(value))
  results[nrow(results) + 1, ] <<- list(case, statistic, num(value))
}
answered <- function(design, y) design[!is.na(design$variables[[y]]), ]
write_data <- function(df, file) {
  out <- df
  for (column in names(out)) {
    if (is.numeric(out[[column]])) out[[column]] <- ifelse(is.na(out[[column]]), "NA", num(out[[column]]))
  }
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}

# ---------------------------------------------------------------------------------------------
# A simulated chilling-effect survey: 2,000 respondents in 10 strata x 8 PSUs x 25, unequal
# weights, an fpc, a 4-arm vignette experiment (one control), a list experiment with J = 4
# control items, and before/after items.
set.seed(20240611)
H <- 10; A <- 8; m <- 25
n <- H * A * m
stratum <- rep(sprintf("s%02d", 1:H), each = A * m)
psu <- rep(rep(sprintf("p%d", 1:A), each = m), H)
psu_effect <- rep(rnorm(H * A, sd = 0.5), each = m)
fpc <- rep(sample(40:120, H), each = A * m)
weight <- rep(runif(H, 500, 3000), each = A * m) * exp(rnorm(n, sd = 0.35))
born_abroad <- ifelse(runif(n) < 0.25 + 0.1 * (psu_effect > 0), "yes", "no")
age <- round(pmin(pmax(rnorm(n, 47, 17), 18), 90))
ageband <- cut(age, c(0, 34, 54, Inf), labels = c("18-34", "35-54", "55+"))
trust <- pmin(pmax(rnorm(n, 6 - 0.8 * (born_abroad == "yes") + 0.5 * psu_effect, 2), 0), 10)
arm <- sample(c("control", "gp_only", "shared_nhs", "home_office"), n, replace = TRUE)
effect <- c(control = 0, gp_only = -0.15, shared_nhs = 0.35, home_office = 0.9)[arm]
abroad <- born_abroad == "yes"
lp <- -1.6 + effect + 0.5 * abroad + 0.6 * abroad * (arm == "home_office") - 0.12 * (trust - 6) + psu_effect
delay <- as.numeric(runif(n) < plogis(lp))
willing <- round(pmin(pmax(6 + 0.45 * (trust - 6) - 1.2 * (effect) - 0.8 * abroad * (arm != "control") +
  rnorm(n, sd = 1.8) + psu_effect, 0), 10))
delay[sample(n, 60)] <- NA
willing[sample(n, 70)] <- NA
# List experiment: J = 4 control items; the sensitive item is "avoided a GP because of data sharing".
list_treat <- rbinom(n, 1, 0.5)
control_items <- sapply(c(0.55, 0.3, 0.7, 0.15), function(p) rbinom(n, 1, plogis(qlogis(p) + 0.4 * psu_effect)))
sensitive <- rbinom(n, 1, ifelse(abroad, 0.30, 0.12))
list_count <- rowSums(control_items) + list_treat * sensitive
# The same list with a design effect (respondents who would answer 5 answer 4, and treated
# respondents drop a control item), so the Blair-Imai test has something to find.
list_count_de <- rowSums(control_items) + list_treat * sensitive
drop <- list_treat == 1 & runif(n) < 0.35 & list_count_de > 0
list_count_de[drop] <- list_count_de[drop] - 1
list_count[sample(n, 40)] <- NA
# A J = 3 list (the first three control items) for the closed-form three-inequality weights, and
# a J = 1 list, where each family holds one inequality and ict.test uses Welch's t test.
list3_count <- rowSums(control_items[, 1:3]) + list_treat * sensitive
list3_count_de <- list3_count - as.numeric(drop & list3_count > 0)
list1_count <- control_items[, 1] + list_treat * sensitive
# Before/after: would you share your record with the NHS app (before and after the vignette)?
share_before <- as.numeric(runif(n) < plogis(0.4 + 0.2 * (trust - 6)))
share_after <- ifelse(share_before == 1, as.numeric(runif(n) < 0.82), as.numeric(runif(n) < 0.12))
share_before[sample(n, 30)] <- NA
share_after[sample(n, 30)] <- NA

sim <- data.frame(stratum, psu, fpc, weight, arm, born_abroad, ageband = as.character(ageband), age, trust,
                  delay, willing, list_treat, list_count, list_count_de, list3_count, list3_count_de, list1_count,
                  share_before, share_after, stringsAsFactors = FALSE)
write_data(sim, "experiments.csv")
sim$arm <- factor(sim$arm, levels = c("control", "gp_only", "shared_nhs", "home_office"))
sim$born_abroad <- factor(sim$born_abroad, levels = c("no", "yes"))
sim$ageband <- factor(sim$ageband)
d <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, nest = TRUE, data = sim)
dnofpc <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = sim)
df <- degf(d)
put("sim", "degf", df)
tcrit <- function(df) qt(0.975, df)

# ---------------------------------------------------------------------------------------------
# 1. Vignette experiment: per-arm means, arm - control differences, effect sizes.
arms <- levels(sim$arm)
vignette <- function(case, y, design) {
  f <- as.formula(paste0("~", y))
  # survey 4.1-1's svyby(covmat = TRUE, na.rm = TRUE) fails on missing values: drop them first
  # (the same domain estimates: subset() keeps the design's strata and PSU counts).
  by <- svyby(f, ~arm, answered(design, y), svymean, covmat = TRUE)
  V <- vcov(by)
  est <- coef(by)
  for (i in seq_along(arms)) {
    put(paste(case, "mean", arms[i]), "estimate", est[i])
    put(paste(case, "mean", arms[i]), "se", sqrt(V[i, i]))
    for (j in seq_along(arms)) put(paste(case, "cov", arms[i], arms[j]), "value", V[i, j])
  }
  # Each arm against the control: svycontrast of the grouped means; t on the design df.
  g <- svyglm(as.formula(paste(y, "~ arm")), design)
  pvals <- c()
  for (i in 2:length(arms)) {
    cc <- rep(0, length(arms)); cc[1] <- -1; cc[i] <- 1
    con <- svycontrast(by, cc)
    e <- coef(con)[[1]]; s <- SE(con)[[1]]
    # svyglm(y ~ arm) gives the same difference and SE (saturated in arm).
    stopifnot(abs(coef(g)[i] - e) < 1e-9 * abs(e), abs(SE(g)[i] - s) < 1e-7 * s)
    k <- paste(case, "effect", arms[i])
    put(k, "estimate", e); put(k, "se", s)
    put(k, "lower", e - tcrit(df) * s); put(k, "upper", e + tcrit(df) * s)
    put(k, "t", e / s); p <- 2 * pt(-abs(e / s), df); put(k, "p", p)
    pvals <- c(pvals, p)
    put(k, "svyglm_p", summary(g)$coefficients[i, 4])
  }
  holm <- p.adjust(pvals, "holm"); bh <- p.adjust(pvals, "BH")
  for (i in 2:length(arms)) {
    put(paste(case, "effect", arms[i]), "p_holm", holm[i - 1])
    put(paste(case, "effect", arms[i]), "p_bh", bh[i - 1])
  }
  # Effect sizes. Cohen's d: difference / pooled SD, the pooled SD from each arm's design-based
  # variance (svyvar on the arm's subset, Σw(y-ȳ)²/Σw · n/(n-1)) pooled with weights n - 1
  # (n = respondents with an answer). Cohen's h: 2 asin √p_arm - 2 asin √p_control.
  # (svyvar's n/(n-1) counts every respondent of the design with a nonzero weight, answered or
  # not, so the subset is restricted to those who answered.)
  s2 <- sapply(arms, function(a) coef(svyvar(f, design[design$variables$arm == a & !is.na(design$variables[[y]]), ]))[[1]])
  nn <- sapply(arms, function(a) sum(!is.na(sim[[y]]) & sim$arm == a))
  for (i in 2:length(arms)) {
    pooled <- sqrt(((nn[1] - 1) * s2[1] + (nn[i] - 1) * s2[i]) / (nn[1] + nn[i] - 2))
    put(paste(case, "effect", arms[i]), "cohen_d", (est[i] - est[1]) / pooled)
    if (all(sim[[y]] %in% c(0, 1, NA))) {
      put(paste(case, "effect", arms[i]), "cohen_h", 2 * asin(sqrt(est[i])) - 2 * asin(sqrt(est[1])))
    }
  }
}
vignette("delay", "delay", d)
vignette("willing", "willing", d)
vignette("delay nofpc", "delay", dnofpc)

# Subgroup-by-arm interaction: difference-in-differences of the arm effect between subgroups
# (the arm:subgroup coefficients of svyglm(y ~ arm * subgroup)), and the Wald test that the arm
# effect is the same in every subgroup, regTermTest(m, ~arm:subgroup): F = W / k on
# (k, df.residual) with df.residual = degf(design) + 1 - (number of coefficients).
interaction_case <- function(case, y, sub, design) {
  m <- svyglm(as.formula(paste(y, "~ arm *", sub)), design)
  cf <- coef(m); se <- SE(m)
  terms <- grep(":", names(cf), value = TRUE)
  for (t in terms) {
    put(paste(case, "did", t), "estimate", cf[[t]])
    put(paste(case, "did", t), "se", se[[t]])
  }
  test <- regTermTest(m, as.formula(paste0("~arm:", sub)))
  put(paste(case, "wald"), "chisq", c(test$Ftest) * test$df)
  put(paste(case, "wald"), "df", test$df)
  put(paste(case, "wald"), "ddf", test$ddf)
  put(paste(case, "wald"), "F", c(test$Ftest))
  put(paste(case, "wald"), "p", c(test$p))
  put(paste(case, "wald"), "p_chisq", pchisq(c(test$Ftest) * test$df, test$df, lower.tail = FALSE))
}
interaction_case("delay x born_abroad", "delay", "born_abroad", d)
interaction_case("delay x ageband", "delay", "ageband", d)
interaction_case("willing x ageband", "willing", "ageband", d)

# Lin (2013) regression adjustment: svyglm(y ~ arm * I(x - xbar)) with xbar the weighted mean of
# x among the respondents in the regression; the arm coefficients are the adjusted effects.
lin_case <- function(case, y, xs, design) {
  keep <- !is.na(sim[[y]])
  centred <- sapply(xs, function(x) coef(svymean(as.formula(paste0("~", x)), subset(design, keep)))[[1]])
  rhs <- paste0("I(", xs, " - ", sprintf("%.17g", centred), ")", collapse = " + ")
  m <- svyglm(as.formula(paste(y, "~ arm * (", rhs, ")")), design)
  for (i in 2:length(arms)) {
    k <- paste(case, "lin", arms[i])
    put(k, "estimate", coef(m)[i]); put(k, "se", SE(m)[i])
  }
  put(case, "lin df.residual", m$df.residual)
  for (j in seq_along(xs)) put(case, paste("lin xbar", xs[j]), centred[j])
}
lin_case("willing", "willing", c("trust"), d)
lin_case("willing2", "willing", c("trust", "age"), d)
lin_case("delay", "delay", c("trust"), d)

# ---------------------------------------------------------------------------------------------
# 2. List experiment: difference in means (treatment list - control list) with its design SE.
list_case <- function(case, y, design, sub = NULL) {
  f <- as.formula(paste0("~", y))
  if (is.null(sub)) {
    by <- svyby(f, ~list_treat, answered(design, y), svymean, covmat = TRUE)
    con <- svycontrast(by, c(-1, 1))
    put(paste(case, "list"), "estimate", coef(con)[[1]]); put(paste(case, "list"), "se", SE(con)[[1]])
    put(paste(case, "list"), "control_mean", coef(by)[1]); put(paste(case, "list"), "control_se", SE(by)[1])
  } else {
    by <- svyby(f, as.formula(paste("~list_treat +", sub)), answered(design, y), svymean, covmat = TRUE)
    lv <- levels(sim[[sub]])
    for (l in lv) {
      cc <- as.numeric(grepl(paste0("^1\\.", l, "$"), names(coef(by)))) - as.numeric(grepl(paste0("^0\\.", l, "$"), names(coef(by))))
      con <- svycontrast(by, cc)
      put(paste(case, "list", sub, l), "estimate", coef(con)[[1]]); put(paste(case, "list", sub, l), "se", SE(con)[[1]])
    }
    cc <- as.numeric(names(coef(by)) == paste0("1.", lv[2])) - as.numeric(names(coef(by)) == paste0("0.", lv[2])) -
      as.numeric(names(coef(by)) == paste0("1.", lv[1])) + as.numeric(names(coef(by)) == paste0("0.", lv[1]))
    con <- svycontrast(by, cc)
    put(paste(case, "list", sub, "difference"), "estimate", coef(con)[[1]])
    put(paste(case, "list", sub, "difference"), "se", SE(con)[[1]])
  }
}
list_case("sim", "list_count", d)
list_case("sim", "list_count", d, "born_abroad")
# Unweighted SRS: the design-based variance of a difference of two domain means is
# n/(n-1) * (HC0 variance of lm(y ~ treat)); the Neyman variance s1²/n1 + s0²/n0 is HC2, and
# ictreg(method = "lm") reports vcovHC's default, HC3 = s1²/(n1-1) + s0²/(n0-1).
srs <- svydesign(ids = ~1, data = sim)
list_case("srs", "list_count", srs)
ok <- !is.na(sim$list_count)
fit <- lm(list_count ~ list_treat, data = sim[ok, ])
nn <- sum(ok)
y1 <- sim$list_count[ok & sim$list_treat == 1]; y0 <- sim$list_count[ok & sim$list_treat == 0]
neyman <- var(y1) / length(y1) + var(y0) / length(y0)
stopifnot(abs(vcovHC(fit, type = "HC2")[2, 2] - neyman) < 1e-12 * neyman)
# (n counts every respondent of the design, including those who did not answer, who stay in it
# as out-of-domain units, as svymean(na.rm = TRUE) keeps them.)
stopifnot(abs(vcovHC(fit, type = "HC0")[2, 2] * n / (n - 1) - (SE(svycontrast(
  svyby(~list_count, ~list_treat, answered(srs, "list_count"), svymean, covmat = TRUE), c(-1, 1)))[[1]])^2) < 1e-10 * neyman)
put("srs list", "lm_coef", coef(fit)[[2]])
put("srs list", "lm_intercept", coef(fit)[[1]])
put("srs list", "neyman_se", sqrt(neyman))
put("srs list", "hc2_se", sqrt(vcovHC(fit, type = "HC2")[2, 2]))
put("srs list", "hc3_se", sqrt(vcovHC(fit)[2, 2]))
put("srs list", "hc3_control_se", sqrt(vcovHC(fit)[1, 1]))
put("srs list", "hc0_se", sqrt(vcovHC(fit, type = "HC0")[2, 2]))

# Blair-Imai (2012) test for design effects, ict.test(y, treat, J, gms = FALSE).
orthant <- function(S) {
  # P(Z > 0) for Z ~ N(0, S), from the correlation matrix. Closed forms up to 3 dimensions;
  # beyond, Plackett's identity along R(t) = (1-t) I + t R, integrated by integrate().
  k <- nrow(S)
  if (k == 0) return(1)
  R <- cov2cor(S)
  if (k == 1) return(0.5)
  if (k == 2) return(0.25 + asin(R[1, 2]) / (2 * pi))
  if (k == 3) return(0.125 + (asin(R[1, 2]) + asin(R[1, 3]) + asin(R[2, 3])) / (4 * pi))
  integrand <- function(ts) sapply(ts, function(t) {
    Rt <- diag(k) + t * (R - diag(k))
    total <- 0
    for (i in 1:(k - 1)) for (j in (i + 1):k) {
      rest <- setdiff(1:k, c(i, j))
      cond <- Rt[rest, rest] - Rt[rest, c(i, j)] %*% solve(Rt[c(i, j), c(i, j)]) %*% Rt[c(i, j), rest]
      total <- total + R[i, j] / (2 * pi * sqrt(1 - (t * R[i, j])^2)) * orthant(cond)
    }
    total
  })
  2^(-k) + integrate(integrand, 0, 1, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
}
chibar_weights <- function(S) {
  # w[k + 1] = P(k of the m constraints are active at the projection of N(0, S) onto the
  # non-negative orthant): sum over the active sets T of P(N(0, S_SS.T) > 0) P(N(0, S_TT^-1) > 0).
  k <- nrow(S); w <- rep(0, k + 1); check <- rep(0, k + 1)
  for (mask in 0:(2^k - 1)) {
    Tset <- which(bitwAnd(mask, 2^(0:(k - 1))) > 0); Sset <- setdiff(1:k, Tset)
    if (length(Tset) == 0) { a <- orthant(S); b <- 1; a2 <- pmvnorm(lower = rep(0, k), sigma = S, algorithm = GenzBretz(abseps = 1e-8, maxpts = 1e6))[1]; b2 <- 1 }
    else if (length(Sset) == 0) { a <- 1; b <- orthant(solve(S)); a2 <- 1; b2 <- pmvnorm(lower = rep(0, k), sigma = solve(S), algorithm = GenzBretz(abseps = 1e-8, maxpts = 1e6))[1] }
    else {
      cond <- S[Sset, Sset, drop = FALSE] - S[Sset, Tset, drop = FALSE] %*% solve(S[Tset, Tset, drop = FALSE]) %*% S[Tset, Sset, drop = FALSE]
      inv <- solve(S[Tset, Tset, drop = FALSE])
      a <- orthant(cond); b <- orthant(inv)
      a2 <- if (length(Sset) == 1) 0.5 else pmvnorm(lower = rep(0, length(Sset)), sigma = cond, algorithm = GenzBretz(abseps = 1e-8, maxpts = 1e6))[1]
      b2 <- if (length(Tset) == 1) 0.5 else pmvnorm(lower = rep(0, length(Tset)), sigma = inv, algorithm = GenzBretz(abseps = 1e-8, maxpts = 1e6))[1]
    }
    w[length(Tset) + 1] <- w[length(Tset) + 1] + a * b
    check[length(Tset) + 1] <- check[length(Tset) + 1] + a2 * b2
  }
  stopifnot(abs(sum(w) - 1) < 1e-10, max(abs(w - check)) < 1e-6)
  if (k == 2) {  # ict.test's closed form
    rho <- cov2cor(S)[1, 2]
    stopifnot(max(abs(w - c(0.5 - acos(rho) / (2 * pi), 0.5, acos(rho) / (2 * pi)))) < 1e-12)
  }
  if (k == 3) {  # ict.test's closed form, with its partial correlations
    r <- cov2cor(S)
    p12 <- (r[1, 2] - r[1, 3] * r[2, 3]) / (sqrt(1 - r[1, 3]^2) * sqrt(1 - r[2, 3]^2))
    p13 <- (r[1, 3] - r[1, 2] * r[3, 2]) / (sqrt(1 - r[1, 2]^2) * sqrt(1 - r[3, 2]^2))
    p23 <- (r[2, 3] - r[2, 1] * r[3, 1]) / (sqrt(1 - r[2, 1]^2) * sqrt(1 - r[3, 1]^2))
    w1 <- 0.25 / pi * (2 * pi - acos(r[1, 2]) - acos(r[1, 3]) - acos(r[2, 3]))
    w2 <- 0.25 / pi * (3 * pi - acos(p12) - acos(p13) - acos(p23))
    stopifnot(max(abs(w - c(w1, w2, 0.5 - w1, 0.5 - w2))) < 1e-12)
  }
  w
}
lr_test <- function(pihat, S) {
  # Likelihood-ratio test of H0: pi >= 0 (Wolak 1991): lambda = min over pi~ >= 0 of
  # (pihat - pi~)' S^-1 (pihat - pi~), p = sum_k w_k P(chi2_k > lambda).
  k <- length(pihat)
  lambda <- if (any(pihat < 0)) solve.QP(2 * solve(S), rep(0, k), diag(k), bvec = -pihat)$value else 0
  w <- chibar_weights(S)
  p <- 0
  for (j in 0:k) p <- p + w[j + 1] * pchisq(lambda, df = j, lower.tail = FALSE)
  list(lambda = lambda, p = p, w = w)
}
ict_case <- function(case, y, treat, J, covariance) {
  ok <- !is.na(y); y <- y[ok]; treat <- treat[ok]
  F1 <- function(a) mean(y[treat == 1] <= a); F0 <- function(a) mean(y[treat == 0] <= a)
  n1 <- sum(treat == 1); n0 <- sum(treat == 0)
  pi1 <- sapply(0:(J - 1), function(j) F0(j) - F1(j))
  pi0 <- sapply(1:J, function(j) F1(j) - F0(j - 1))
  # Covariances of the iid empirical CDFs: Cov(F(a), F(b)) = F(a)(1 - F(b))/n for a <= b.
  cv <- function(F, a, b, nn) F(min(a, b)) * (1 - F(max(a, b))) / nn
  S1 <- outer(0:(J - 1), 0:(J - 1), Vectorize(function(a, b) cv(F0, a, b, n0) + cv(F1, a, b, n1)))
  S0 <- outer(1:J, 1:J, Vectorize(function(a, b) cv(F1, a, b, n1) + cv(F0, a - 1, b - 1, n0)))
  if (!is.null(covariance)) { S1 <- covariance$S1; S0 <- covariance$S0; pi1 <- covariance$pi1; pi0 <- covariance$pi0 }
  for (j in 1:J) {
    put(paste(case, "ict"), paste0("pi_y1_", j - 1), pi1[j]); put(paste(case, "ict"), paste0("se_y1_", j - 1), sqrt(S1[j, j]))
    put(paste(case, "ict"), paste0("pi_y0_", j), pi0[j]); put(paste(case, "ict"), paste0("se_y0_", j), sqrt(S0[j, j]))
  }
  # ict.test's one-sided Welch t tests, used when a family keeps a single inequality.
  t1 <- sapply(0:(J - 1), function(j) t.test(y[treat == 0] <= j, y[treat == 1] <= j, alternative = "less")$p.value)
  t0 <- sapply(1:J, function(j) t.test(y[treat == 1] <= j, y[treat == 0] <= (j - 1), alternative = "less")$p.value)
  part <- function(pihat, S, which, tp) {
    keep <- pihat != 0
    pihat <- pihat[keep]; S <- S[keep, keep, drop = FALSE]
    if (length(pihat) == 0) return(NA)
    if (length(pihat) == 1 && is.null(covariance)) {
      put(paste(case, "ict"), paste0("p_", which), tp[keep])
      return(tp[keep])
    }
    r <- lr_test(pihat, S)
    put(paste(case, "ict"), paste0("lambda_", which), r$lambda)
    put(paste(case, "ict"), paste0("p_", which), r$p)
    for (j in seq_along(r$w)) put(paste(case, "ict"), paste0("w_", which, "_", j - 1), r$w[j])
    r$p
  }
  p1 <- part(pi1, S1, "y1", t1); p0 <- part(pi0, S0, "y0", t0)
  put(paste(case, "ict"), "p", 2 * min(p1, p0, na.rm = TRUE))
}
ict_case("sim", sim$list_count, sim$list_treat, 4, NULL)
ict_case("sim de", sim$list_count_de, sim$list_treat, 4, NULL)
ict_case("sim J3", sim$list3_count, sim$list_treat, 3, NULL)
ict_case("sim de J3", sim$list3_count_de, sim$list_treat, 3, NULL)
ict_case("sim J1", sim$list1_count, sim$list_treat, 1, NULL)

# The same test with the design-based covariance of the weighted proportions (Confide's
# extension): the covariance of the weighted CDFs F_t(a) from svyby(covmat = TRUE).
design_ict <- function(case, y, J, design) {
  ind <- sapply(-1:J, function(a) as.numeric(sim[[y]] <= a))
  colnames(ind) <- paste0("le", 0:(J + 1))
  design <- update(design, .tmp = 0)
  for (j in 1:ncol(ind)) design$variables[[colnames(ind)[j]]] <- ind[, j]
  f <- as.formula(paste0("~", paste(colnames(ind), collapse = "+")))
  by <- svyby(f, ~list_treat, answered(design, y), svymean, covmat = TRUE)
  est <- coef(by); V <- vcov(by)
  idx <- function(t, a) which(names(est) == paste0(t, ":le", a + 1))
  L1 <- t(sapply(0:(J - 1), function(j) { v <- rep(0, length(est)); v[idx(0, j)] <- 1; v[idx(1, j)] <- -1; v }))
  L0 <- t(sapply(1:J, function(j) { v <- rep(0, length(est)); v[idx(1, j)] <- 1; v[idx(0, j - 1)] <- -1; v }))
  ict_case(case, sim[[y]], sim$list_treat, J,
           list(pi1 = c(L1 %*% est), pi0 = c(L0 %*% est), S1 = L1 %*% V %*% t(L1), S0 = L0 %*% V %*% t(L0)))
}
design_ict("design", "list_count", 4, d)
design_ict("design de", "list_count_de", 4, d)

# ---------------------------------------------------------------------------------------------
# 3. Paired before/after items: mean of d = after - before on respondents with both answers.
paired <- svymean(~I(share_after - share_before), d, na.rm = TRUE)
put("paired share", "estimate", coef(paired)[[1]]); put("paired share", "se", SE(paired)[[1]])
both <- svymean(~share_after + share_before, d, na.rm = TRUE)
con <- svycontrast(both, c(1, -1))
stopifnot(abs(coef(con)[[1]] - coef(paired)[[1]]) < 1e-12, abs(SE(con)[[1]] - SE(paired)[[1]]) < 1e-12)
put("paired share", "after", coef(both)[[1]]); put("paired share", "after_se", SE(both)[[1]])
put("paired share", "before", coef(both)[[2]]); put("paired share", "before_se", SE(both)[[2]])
put("paired share", "covariance", vcov(both)[1, 2])
paired_abroad <- svymean(~I(share_after - share_before), subset(d, born_abroad == "yes"), na.rm = TRUE)
put("paired share born_abroad=yes", "estimate", coef(paired_abroad)[[1]])
put("paired share born_abroad=yes", "se", SE(paired_abroad)[[1]])
put("paired share", "degf", degf(subset(d, !is.na(share_before) & !is.na(share_after))))
tab <- table(sim$share_before, sim$share_after)
mc <- mcnemar.test(tab)
put("paired share mcnemar", "statistic", mc$statistic[[1]]); put("paired share mcnemar", "p", mc$p.value)
put("paired share mcnemar", "b", tab[2, 1]); put("paired share mcnemar", "c", tab[1, 2])

# ---------------------------------------------------------------------------------------------
# 4. Odds and risk ratios from a 2x2 table on the design: y = delay, exposure = born abroad.
ratio_case <- function(case, yname, xname, design, data, ylevel, xlevel) {
  yv <- as.numeric(data[[yname]] == ylevel); xv <- data[[xname]] == xlevel
  design <- update(design, .y = yv, .x = factor(ifelse(xv, "exposed", "unexposed"), levels = c("unexposed", "exposed")))
  g <- svyglm(.y ~ .x, design, family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
  by <- svyby(~.y, ~.x, design[!is.na(yv) & !is.na(xv), ], svymean, covmat = TRUE)
  lor <- svycontrast(by, quote(log(exposed / (1 - exposed)) - log(unexposed / (1 - unexposed))))
  lrr <- svycontrast(by, quote(log(exposed / unexposed)))
  stopifnot(abs(coef(g)[[2]] - coef(lor)[[1]]) < 1e-9, abs(SE(g)[[2]] / SE(lor)[[1]] - 1) < 1e-8)
  put(paste(case, "log odds ratio"), "estimate", coef(lor)[[1]]); put(paste(case, "log odds ratio"), "se", SE(lor)[[1]])
  put(paste(case, "log odds ratio"), "svyglm", coef(g)[[2]]); put(paste(case, "log odds ratio"), "svyglm_se", SE(g)[[2]])
  put(paste(case, "log risk ratio"), "estimate", coef(lrr)[[1]]); put(paste(case, "log risk ratio"), "se", SE(lrr)[[1]])
  put(paste(case, "risk difference"), "estimate", coef(svycontrast(by, c(-1, 1)))[[1]])
  put(paste(case, "risk difference"), "se", SE(svycontrast(by, c(-1, 1)))[[1]])
  ddf <- degf(subset(design, !is.na(.y) & !is.na(.x)))
  put(case, "degf", ddf)
  for (s in c("log odds ratio", "log risk ratio")) {
    e <- if (s == "log odds ratio") coef(lor)[[1]] else coef(lrr)[[1]]
    se <- if (s == "log odds ratio") SE(lor)[[1]] else SE(lrr)[[1]]
    put(paste(case, s), "ratio", exp(e))
    put(paste(case, s), "lower", exp(e - tcrit(ddf) * se)); put(paste(case, s), "upper", exp(e + tcrit(ddf) * se))
  }
}
ratio_case("sim delay by born_abroad", "delay", "born_abroad", d, sim, 1, "yes")
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
ratio_case("dstrat sch.wide by comp.imp", "sch.wide", "comp.imp", dstrat, apistrat, "Yes", "Yes")
# (In apiclus1 every school that met its comparable-improvement target also met its school-wide
# target: the odds ratio of sch.wide by comp.imp is infinite, a degenerate case the tests check.)
ratio_case("dclus1 sch.wide by stype=E", "sch.wide", "stype", dclus1, apiclus1, "Yes", "E")

# The api data as an "experiment": school type as arms (E the control), and the interaction test.
apistrat$arm <- apistrat$stype
dstrat2 <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
by <- svyby(~api00, ~stype, dclus1, svymean, covmat = TRUE)
for (i in 2:3) {
  cc <- rep(0, 3); cc[1] <- -1; cc[i] <- 1
  con <- svycontrast(by, cc)
  put(paste("dclus1 api00 effect", levels(apiclus1$stype)[i]), "estimate", coef(con)[[1]])
  put(paste("dclus1 api00 effect", levels(apiclus1$stype)[i]), "se", SE(con)[[1]])
}
m <- svyglm(api00 ~ stype * comp.imp, dclus1)
test <- regTermTest(m, ~stype:comp.imp)
put("dclus1 api00 stype x comp.imp wald", "chisq", c(test$Ftest) * test$df)
put("dclus1 api00 stype x comp.imp wald", "ddf", test$ddf)
put("dclus1 api00 stype x comp.imp wald", "p", c(test$p))
for (t in grep(":", names(coef(m)), value = TRUE)) {
  put(paste("dclus1 api00 stype x comp.imp did", t), "estimate", coef(m)[[t]])
  put(paste("dclus1 api00 stype x comp.imp did", t), "se", SE(m)[[t]])
}

write.csv(results, "experiments-results.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(results), "results\n")
