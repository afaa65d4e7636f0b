# Writes the iid-inference fixtures for InferenceTests.swift.
# Run from this folder: Rscript make-inference.R   (R 4.2.2 on Debian 12 was used)
#   p-adjust.csv            p.adjust(p, "holm" / "hochberg" / "BH" / "BY" / "bonferroni"), NA kept in place
#   binomial-intervals.csv  prop.test(correct = FALSE / TRUE)$conf.int, binom.test()$conf.int, Wald
#   two-by-two.csv          Wald OR / RR / RD, chisq.test(correct = FALSE / TRUE), fisher.test
#   mcnemar.csv             mcnemar.test(correct = TRUE / FALSE), binom.test(b, b + c), paired difference
fmt <- function(v) ifelse(is.na(v) & !is.nan(v), "NA", sprintf("%.17g", v))
write_fixture <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)

# ---- p.adjust -------------------------------------------------------------------------------
set.seed(20240601)
cases <- list(
  reference = c(.01, .04, .03, .005, .20),                  # statistics.md oracle
  ties = c(0.01, 0.01, 0.02, 0.02, 0.5, 0.5, 0.01),
  missing = c(0.01, NA, 0.03, NaN, 0.2, 0.04),
  single = c(0.04),
  bounds = c(0, 1, 0.5, 0, 0.9),
  random = round(runif(20)^3, 4))
rows <- do.call(rbind, lapply(names(cases), function(name) {
  p <- cases[[name]]
  data.frame(case = name, index = seq_along(p), p = fmt(p), holm = fmt(p.adjust(p, "holm")),
             bh = fmt(p.adjust(p, "BH")), bonferroni = fmt(p.adjust(p, "bonferroni")),
             hochberg = fmt(p.adjust(p, "hochberg")), by = fmt(p.adjust(p, "BY")))
}))
write_fixture(rows, "p-adjust.csv")

# ---- binomial intervals ---------------------------------------------------------------------
grid <- expand.grid(x = c(0, 1, 5, 12, 50, 99, 100), n = c(100), level = c(0.95, 0.9))
grid <- rbind(grid, data.frame(x = c(0, 1, 2, 3, 1, 7, 500, 2), n = c(1, 1, 3, 7, 2, 14, 1000, 4), level = 0.95),
              data.frame(x = 12, n = 100, level = 0.99))
rows <- do.call(rbind, lapply(seq_len(nrow(grid)), function(i) {
  x <- grid$x[i]; n <- grid$n[i]; level <- grid$level[i]
  w <- suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = level))$conf.int
  wc <- suppressWarnings(prop.test(x, n, correct = TRUE, conf.level = level))$conf.int
  cp <- binom.test(x, n, conf.level = level)$conf.int
  z <- qnorm(1 - (1 - level) / 2); ph <- x / n; se <- sqrt(ph * (1 - ph) / n)
  data.frame(x = x, n = n, level = fmt(level), wilson_lower = fmt(w[1]), wilson_upper = fmt(w[2]),
             wilsoncc_lower = fmt(wc[1]), wilsoncc_upper = fmt(wc[2]),
             cp_lower = fmt(cp[1]), cp_upper = fmt(cp[2]), wald_lower = fmt(ph - z * se), wald_upper = fmt(ph + z * se))
}))
write_fixture(rows, "binomial-intervals.csv")

# Effective-size versions (svyciprop's "beta" / Korn-Graubard form and a Wilson/Wald with t df).
eff <- data.frame(p = c(0.021858, 0.12, 0.5, 0, 1, 0.3), neff = c(45.3, 100, 17.2, 30, 30, 250.5),
                  df = c(14, Inf, 9, 14, 14, 40))
rows <- do.call(rbind, lapply(seq_len(nrow(eff)), function(i) {
  m <- eff$p[i]; n <- eff$neff[i]; d <- eff$df[i]; alpha <- 0.05
  beta <- c(qbeta(alpha / 2, n * m, n * (1 - m) + 1), qbeta(1 - alpha / 2, n * m + 1, n * (1 - m)))
  z <- qt(1 - alpha / 2, d); z22n <- z^2 / (2 * n)
  wil <- (m + z22n + c(-1, 1) * z * sqrt(m * (1 - m) / n + z22n / (2 * n))) / (1 + 2 * z22n)
  se <- sqrt(m * (1 - m) / n)
  data.frame(p = fmt(m), neff = fmt(n), df = fmt(d), beta_lower = fmt(beta[1]), beta_upper = fmt(beta[2]),
             wilson_lower = fmt(wil[1]), wilson_upper = fmt(wil[2]), wald_lower = fmt(m - z * se), wald_upper = fmt(m + z * se))
}))
write_fixture(rows, "effective-size-intervals.csv")

# ---- 2x2 tables -----------------------------------------------------------------------------
# Rows (a, b) = exposed: events, non-events; (c, d) = unexposed. matrix(c(a, c, b, d), 2) in R.
tables <- rbind(c(20, 80, 10, 90), c(3, 1, 1, 3), c(0, 10, 5, 5), c(7, 0, 2, 9), c(12, 5, 0, 0 + 8),
                c(1, 1, 1, 1), c(50, 50, 50, 50), c(794, 86, 150, 570), c(2, 9, 9, 2), c(0, 5, 0, 7), c(15, 0, 0, 12))
fisher_exact <- function(x, conf.level = 0.95, tol = 1e-14) {
  # fisher.test's own code for 2x2 tables, with uniroot's tolerance tightened from
  # .Machine$double.eps^0.25 (~1.2e-4) so that the MLE and the interval are exact to ~1e-12.
  m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); x <- x[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) { if (ncp == 0) return(lo); if (ncp == Inf) return(hi); sum(support * dnhyper(ncp)) }
  pnhyper <- function(q, ncp, upper.tail = FALSE) {
    if (ncp == 1) return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k))
    if (ncp == 0) return(as.numeric(if (upper.tail) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper.tail) q <= hi else q >= hi))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q])
  }
  ur <- function(f, interval) uniroot(f, interval, tol = tol, maxiter = 10000)$root
  ncp.U <- function(x, alpha) {
    if (x == hi) return(Inf)
    p <- pnhyper(x, 1)
    if (p < alpha) ur(function(t) pnhyper(x, t) - alpha, c(0, 1))
    else if (p > alpha) 1 / ur(function(t) pnhyper(x, 1 / t) - alpha, c(.Machine$double.eps, 1)) else 1
  }
  ncp.L <- function(x, alpha) {
    if (x == lo) return(0)
    p <- pnhyper(x, 1, upper.tail = TRUE)
    if (p > alpha) ur(function(t) pnhyper(x, t, upper.tail = TRUE) - alpha, c(0, 1))
    else if (p < alpha) 1 / ur(function(t) pnhyper(x, 1 / t, upper.tail = TRUE) - alpha, c(.Machine$double.eps, 1)) else 1
  }
  mle <- function(x) {
    if (x == lo) return(0); if (x == hi) return(Inf)
    mu <- mnhyper(1)
    if (mu > x) ur(function(t) mnhyper(t) - x, c(0, 1))
    else if (mu < x) 1 / ur(function(t) mnhyper(1 / t) - x, c(.Machine$double.eps, 1)) else 1
  }
  alpha <- (1 - conf.level) / 2
  c(mle(x), ncp.L(x, alpha), ncp.U(x, alpha))
}
rows <- do.call(rbind, lapply(seq_len(nrow(tables)), function(i) {
  a <- tables[i, 1]; b <- tables[i, 2]; c <- tables[i, 3]; d <- tables[i, 4]
  z <- qnorm(0.975)
  or <- (a * d) / (b * c); lse <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
  # Haldane-Anscombe: 0.5 added to every cell when one is zero
  h <- if (min(a, b, c, d) == 0) 0.5 else 0
  orh <- ((a + h) * (d + h)) / ((b + h) * (c + h)); lseh <- sqrt(1 / (a + h) + 1 / (b + h) + 1 / (c + h) + 1 / (d + h))
  rr <- (a / (a + b)) / (c / (c + d)); rse <- sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
  p1 <- a / (a + b); p2 <- c / (c + d); rd <- p1 - p2; dse <- sqrt(p1 * (1 - p1) / (a + b) + p2 * (1 - p2) / (c + d))
  tab <- matrix(c(a, c, b, d), 2)
  ch <- suppressWarnings(chisq.test(tab, correct = FALSE)); chy <- suppressWarnings(chisq.test(tab, correct = TRUE))
  ft <- fisher.test(tab); fe <- fisher_exact(tab)
  data.frame(a = a, b = b, c = c, d = d,
    or = fmt(or), or_lower = fmt(exp(log(or) - z * lse)), or_upper = fmt(exp(log(or) + z * lse)),
    orh = fmt(orh), orh_lower = fmt(exp(log(orh) - z * lseh)), orh_upper = fmt(exp(log(orh) + z * lseh)),
    rr = fmt(rr), rr_lower = fmt(exp(log(rr) - z * rse)), rr_upper = fmt(exp(log(rr) + z * rse)),
    rd = fmt(rd), rd_lower = fmt(rd - z * dse), rd_upper = fmt(rd + z * dse),
    chisq = fmt(unname(ch$statistic)), chisq_p = fmt(ch$p.value),
    chisq_yates = fmt(unname(chy$statistic)), chisq_yates_p = fmt(chy$p.value),
    fisher_p = fmt(ft$p.value), fisher_or = fmt(fe[1]), fisher_lower = fmt(fe[2]), fisher_upper = fmt(fe[3]),
    fisher_r_or = fmt(unname(ft$estimate)), fisher_r_lower = fmt(ft$conf.int[1]), fisher_r_upper = fmt(ft$conf.int[2]))
}))
write_fixture(rows, "two-by-two.csv")

# ---- McNemar --------------------------------------------------------------------------------
# a = x[1,1], b = x[1,2], c = x[2,1], d = x[2,2] (first measurement in rows).
pairs <- rbind(c(794, 150, 86, 570), c(10, 5, 5, 10), c(3, 0, 7, 2), c(0, 1, 0, 0), c(20, 12, 3, 40),
               c(5, 40, 25, 5), c(100, 2, 1, 100), c(1, 30, 10, 2))
rows <- do.call(rbind, lapply(seq_len(nrow(pairs)), function(i) {
  a <- pairs[i, 1]; b <- pairs[i, 2]; c <- pairs[i, 3]; d <- pairs[i, 4]; n <- a + b + c + d
  x <- matrix(c(a, c, b, d), 2)
  cc <- suppressWarnings(mcnemar.test(x, correct = TRUE)); un <- suppressWarnings(mcnemar.test(x, correct = FALSE))
  ex <- binom.test(b, b + c)$p.value
  diff <- (b - c) / n; se <- sqrt((b + c) - (b - c)^2 / n) / n; z <- qnorm(0.975)
  data.frame(a = a, b = b, c = c, d = d, chisq_cc = fmt(unname(cc$statistic)), p_cc = fmt(cc$p.value),
             chisq = fmt(unname(un$statistic)), p = fmt(un$p.value), exact_p = fmt(ex),
             diff = fmt(diff), diff_lower = fmt(diff - z * se), diff_upper = fmt(diff + z * se))
}))
write_fixture(rows, "mcnemar.csv")
