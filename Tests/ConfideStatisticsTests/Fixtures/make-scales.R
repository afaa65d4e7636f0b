# Writes the fixtures for ScalesTests, ReliabilityTests and OmegaTests.
#
# Run from this folder:  Rscript make-scales.R
# Made with R 4.2.2, psych 2.2.9, survey 4.1-1 (Debian 12 packages). Every number is printed
# with sprintf("%.17g") so that it round-trips to the same Double.
#
# Inputs (the data sets themselves, so the Swift tests never need R):
#   scales-<dataset>.csv          one column per item, NA = missing
#   scales-apistrat.csv           ell, mobility, avg.ed, emer, meals, pw (survey::apistrat)
#   scales-apistrat-missing.csv   the same with some answers set to NA
# Outputs (what R computes from them):
#   scales-expected.csv           long format: dataset, statistic, item, value
#   scales-<dataset>-scores.csv   construct scores per respondent (see `scoreRules`)
suppressPackageStartupMessages({
  library(psych)
  library(survey)
})
stopifnot(packageVersion("psych") == "2.2.9")

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

writeData <- function(x, file) {
  out <- as.data.frame(lapply(as.data.frame(x), fmt))
  colnames(out) <- colnames(x)
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}

expected <- list()
record <- function(dataset, statistic, item, value) {
  expected[[length(expected) + 1]] <<- data.frame(
    dataset = dataset, statistic = statistic, item = item, value = fmt(as.numeric(unlist(value))))
}

# ---- data sets ------------------------------------------------------------------------------
data(bfi, package = "psych")

# Synthetic 6-item Likert scale (1..5): one latent factor, item s3 worded the other way,
# about 8% of answers missing at random and two respondents who answered nothing.
set.seed(20240607)
n <- 240
latent <- rnorm(n)
loads <- c(0.8, 0.7, -0.6, 0.5, 0.75, 0.4)
synthetic <- sapply(seq_along(loads), function(j) {
  z <- loads[j] * latent + rnorm(n, sd = sqrt(1 - loads[j]^2))
  as.numeric(cut(z, breaks = c(-Inf, -1.2, -0.4, 0.4, 1.2, Inf)))
})
colnames(synthetic) <- paste0("s", seq_along(loads))
synthetic[matrix(runif(length(synthetic)) < 0.08, nrow = n)] <- NA
synthetic[c(17, 130), ] <- NA

datasets <- list(
  agreeableness = list(x = bfi[, paste0("A", 1:5)], keys = "A1", range = c(1, 6)),
  conscientiousness = list(x = bfi[, paste0("C", 1:5)], keys = c("C4", "C5"), range = c(1, 6)),
  neuroticism = list(x = bfi[, paste0("N", 1:5)], keys = character(0), range = c(1, 6)),
  synthetic = list(x = synthetic, keys = "s3", range = c(1, 5)),
  # Two items: psych's special case for alpha if an item is dropped.
  pair = list(x = synthetic[, c("s1", "s2")], keys = character(0), range = c(1, 5)),
  # The synthetic scale without keys: s3 correlates negatively with the rest.
  unkeyed = list(x = synthetic[, c("s1", "s2", "s3", "s4")], keys = character(0), range = c(1, 5))
)

# ---- psych::alpha ---------------------------------------------------------------------------
for (name in names(datasets)) {
  d <- datasets[[name]]
  writeData(d$x, sprintf("scales-%s.csv", name))
  keys <- if (length(d$keys) > 0) d$keys else NULL
  a <- suppressWarnings(psych::alpha(as.data.frame(d$x), keys = keys))
  total <- a$total
  for (s in colnames(total)) record(name, paste0("total.", s), "total", total[[s]])
  record(name, "total.var.r", "total", a$var.r)
  record(name, "feldt.0.95.lower", "total", a$feldt$lower.ci)
  record(name, "feldt.0.95.upper", "total", a$feldt$upper.ci)
  f90 <- alpha.ci(total$raw_alpha, nrow(d$x), a$nvar, p.val = 0.10)
  record(name, "feldt.0.90.lower", "total", f90$lower.ci)
  record(name, "feldt.0.90.upper", "total", f90$upper.ci)
  # psych prints raw_alpha -/+ 1.96 ase; the exact normal quantile is used here (and in Swift).
  for (level in c(0.95, 0.90)) {
    z <- qnorm(1 - (1 - level) / 2)
    record(name, sprintf("duhachek.%.2f.lower", level), "total", total$raw_alpha - z * total$ase)
    record(name, sprintf("duhachek.%.2f.upper", level), "total", total$raw_alpha + z * total$ase)
  }
  items <- colnames(d$x)
  drop <- a$alpha.drop
  stats <- a$item.stats
  for (j in seq_along(items)) {
    for (s in colnames(drop)) record(name, paste0("drop.", s), items[j], drop[j, s])
    for (s in colnames(stats)) record(name, paste0("item.", s), items[j], stats[j, s])
  }
  # psych's "probably should be reversed" check: signs of the first principal component.
  p1 <- principal(as.data.frame(d$x), scores = FALSE)
  flipped <- ifelse(colnames(d$x) %in% d$keys, -1, 1)
  for (j in seq_along(items)) record(name, "pc1.keyed.sign", items[j], sign(p1$loadings[j, 1]) * flipped[j])

  # ---- psych::omega (one factor) and psych::fa(fm = "minres") -------------------------------
  if (ncol(d$x) >= 3) {
    om <- suppressWarnings(suppressMessages(omega(as.data.frame(d$x), nfactors = 1, plot = FALSE)))
    record(name, "omega.omega_tot", "total", om$omega.tot)
    record(name, "omega.omega_h", "total", om$omega_h)
    record(name, "omega.alpha", "total", om$alpha)
    record(name, "omega.G6", "total", om$G6)
    fa1 <- suppressWarnings(suppressMessages(fa(as.data.frame(d$x), nfactors = 1, fm = "minres")))
    for (j in seq_along(items)) {
      record(name, "fa.loading", items[j], fa1$loadings[j, 1])
      record(name, "fa.uniqueness", items[j], fa1$uniquenesses[j])
      record(name, "omega.key", items[j], om$key[j])
    }
    if (length(d$keys) > 0) {
      key <- ifelse(colnames(d$x) %in% d$keys, -1, 1)
      omk <- suppressWarnings(suppressMessages(
        omega(as.data.frame(d$x), nfactors = 1, key = key, plot = FALSE)))
      record(name, "omega.keyed.omega_tot", "total", omk$omega.tot)
      record(name, "omega.keyed.omega_h", "total", omk$omega_h)
    }
    # psych's optimiser (optim L-BFGS-B, factr 1e7) stops a few 1e-6 short of the minres optimum.
    # The optimum itself is the fixed point h = diag(lambda lambda') of principal-axis iteration on
    # R with communalities h (bounded to psych's [0, 0.995]); iterate it to machine precision here.
    R <- cor(as.data.frame(d$x), use = "pairwise")
    h <- pmin(pmax(smc(R), 0), 0.995)
    for (iteration in 1:100000) {
      S <- R
      diag(S) <- h
      e <- eigen(S, symmetric = TRUE)
      lambda <- e$vectors[, 1] * sqrt(max(e$values[1], 0))
      next.h <- pmin(pmax(lambda^2, 0), 0.995)
      if (max(abs(next.h - h)) < 1e-15) break
      h <- next.h
    }
    if (sum(lambda) < 0) lambda <- -lambda
    for (j in seq_along(items)) record(name, "minres.exact.loading", items[j], lambda[j])
    flip <- ifelse(lambda < 0, -1, 1)
    Vt <- sum(diag(flip) %*% R %*% diag(flip))
    record(name, "minres.exact.omega_tot", "total", (Vt - sum(1 - lambda^2)) / Vt)
    record(name, "minres.exact.omega_h", "total", sum(abs(lambda))^2 / Vt)
    record(name, "minres.exact.model_omega", "total",
      sum(abs(lambda))^2 / (sum(abs(lambda))^2 + sum(1 - lambda^2)))
  }
}

# ---- construct scores -------------------------------------------------------------------------
# Reverse-code keyed items over the declared range, then average (or sum) the answered items;
# a respondent with fewer than `minimumItems` answers has no score.
scoreRules <- list(
  agreeableness = 3,
  synthetic = 4
)
for (name in names(scoreRules)) {
  d <- datasets[[name]]
  x <- as.matrix(d$x)
  flip <- colnames(x) %in% d$keys
  x[, flip] <- d$range[1] + d$range[2] - x[, flip]
  answered <- rowSums(!is.na(x))
  enough <- answered >= scoreRules[[name]]
  scores <- data.frame(
    answered = answered,
    mean = ifelse(enough, rowMeans(x, na.rm = TRUE), NA),
    sum = ifelse(enough, rowSums(x, na.rm = TRUE), NA),
    prorated_sum = ifelse(enough, rowMeans(x, na.rm = TRUE) * ncol(x), NA),
    mean_any = ifelse(answered >= 1, rowMeans(x, na.rm = TRUE), NA)
  )
  writeData(scores, sprintf("scales-%s-scores.csv", name))
}

# ---- survey::svycralpha ------------------------------------------------------------------------
data(api, package = "survey")
apiItems <- c("ell", "mobility", "avg.ed", "emer", "meals")
writeData(apistrat[, c(apiItems, "pw")], "scales-apistrat.csv")
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
record("apistrat", "svycralpha", "total",
  svycralpha(~ell + mobility + avg.ed + emer + meals, dstrat))

apiMissing <- apistrat
set.seed(7)
for (v in apiItems) apiMissing[sample(nrow(apiMissing), 6), v] <- NA
writeData(apiMissing[, c(apiItems, "pw")], "scales-apistrat-missing.csv")
dmiss <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apiMissing, fpc = ~fpc)
record("apistrat-missing", "svycralpha", "total",
  svycralpha(~ell + mobility + avg.ed + emer + meals, dmiss, na.rm = TRUE))

write.csv(do.call(rbind, expected), "scales-expected.csv", row.names = FALSE, quote = FALSE)
