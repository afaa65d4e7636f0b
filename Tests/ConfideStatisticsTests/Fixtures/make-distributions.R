# Writes distributions.csv: R's reference values for the ConfideStatistics distributions.
# Run from this folder: Rscript make-distributions.R   (R 4.2.2 on Debian 12 was used)
#
# One row per (distribution, parameters, point). Rows with a probability p hold x = R's
# quantile at p; rows with p = NA evaluate a fixed x (far upper tails whose p would round to 1).
# cdf = P(X <= x), survival = P(X > x) (lower.tail = FALSE), density at x.
#
# Two deliberate departures from the plain R call, because the plain call is less exact
# than the tolerance the Swift tests use:
# * t with df > 4e5: R's pt switches to a normal approximation (relative error ~1e-11 at
#   df = 1e6), so cdf/survival come from the exact identity P(T <= -|t|) = pbeta(df/(df+t^2),
#   df/2, 1/2)/2 and the quantile from qbeta on the side where it is small.
# * F quantiles: qf returns (1/qbeta(...) - 1)*df2/df1, which loses digits when the beta
#   quantile is near 1 (df2 >> df1); we take the beta quantile on whichever side is below 1/2.
# R's q-functions are not all exact in the far tails (qt at p = 1e-300 with small df is off by ~1%,
# qchisq at 1 - 1e-12 with df 1.4946 by ~1e-10). So every quantile is polished by Newton steps on
# R's own p-function (log scale, on the tail that p names) until the step is below 1e-16 x:
# the oracle is "the root of R's cdf". polish() returns x unchanged when R's quantile is already
# a root to working precision.
polish <- function(x, p, logp, logd) {
  if (!is.finite(x) || x == 0 || p == 0.5) return(x)
  lower <- p < 0.5
  target <- log(if (lower) p else 1 - p)
  for (i in 1:60) {
    lt <- logp(x, lower); lf <- logd(x)
    step <- (lt - target) * exp(lt - lf) * (if (lower) 1 else -1)
    if (!is.finite(step)) break
    xn <- x - step
    if (abs(xn - x) <= 1e-16 * abs(x)) { x <- xn; break }
    if (xn <= 0 && x > 0) xn <- x / 2
    x <- xn
  }
  x
}
fmt <- function(v) ifelse(is.na(v) & !is.nan(v), "NA", sprintf("%.17g", v))

probs <- c(1e-300, 1e-12, 0.025, 0.1, 0.5, 0.9, 0.975, 1 - 1e-12)
rows <- list()
add <- function(dist, p1, p2, p, x, cdf, surv, dens) {
  rows[[length(rows) + 1]] <<- data.frame(distribution = dist, param1 = fmt(p1), param2 = fmt(p2),
    p = fmt(p), x = fmt(x), cdf = fmt(cdf), survival = fmt(surv), density = fmt(dens))
}

# Normal
for (par in list(c(0, 1), c(100, 15))) {
  m <- par[1]; s <- par[2]
  for (p in probs) { x <- qnorm(p, m, s)   # AS 241, not polished: the Swift code uses AS 241 too
    add("normal", m, s, p, x, pnorm(x, m, s), pnorm(x, m, s, lower.tail = FALSE), dnorm(x, m, s)) }
  for (x in m + s * c(-38, -20, 0, 8.5, 20, 37.5)) add("normal", m, s, NA, x, pnorm(x, m, s),
    pnorm(x, m, s, lower.tail = FALSE), dnorm(x, m, s))
}

# Student t
pt_exact <- function(x, n, lower, log = FALSE) {
  if (n <= 4e5 || !is.finite(n)) return(pt(x, n, lower.tail = lower, log.p = log))
  y <- x^2 / (n + x^2)
  far <- 0.5 * pbeta(y, 0.5, n / 2, lower.tail = FALSE)           # P(T <= -|x|)
  near <- 0.5 + 0.5 * pbeta(y, 0.5, n / 2)
  v <- if ((x < 0) == lower) far else near
  if (log) log(v) else v
}
qt_exact <- function(p, n) {
  if (p == 0.5) return(0)   # qt(0.5, 0.5) gives 2.6e-16; the median is 0 by symmetry
  if (n <= 4e5 || !is.finite(n)) return(qt(p, n))
  if (p == 0.5) return(0)
  tail <- min(p, 1 - p)
  y <- suppressWarnings(qbeta(2 * tail, 0.5, n / 2, lower.tail = FALSE))    # y = t^2/(n + t^2)
  s <- if (is.finite(y)) sqrt(n * y / (1 - y)) else {
    # qbeta gives NaN this far out: solve log P(T > s) = log(tail) by uniroot, tightly
    g <- function(s) log(pt_exact(s, n, FALSE)) - log(tail)
    z <- -qnorm(tail)
    uniroot(g, c(z, 2 * z), tol = 1e-15 * z, maxiter = 1000)$root
  }
  if (p < 0.5) -s else s
}
for (n in c(0.5, 1, 1.4946, 2.5, 10, 20.925, 30, 1e3, 1e6, Inf)) {
  for (p in probs) { x <- polish(qt_exact(p, n), p, function(x, l) pt_exact(x, n, l, TRUE), function(x) dt(x, n, log = TRUE))
    add("t", n, NA, p, x, pt_exact(x, n, TRUE), pt_exact(x, n, FALSE), dt(x, n)) }
  for (x in c(-1e8, 0.3, 40, 1e5)) add("t", n, NA, NA, x, pt_exact(x, n, TRUE), pt_exact(x, n, FALSE), dt(x, n))
}

# Chi-squared
for (k in c(0.5, 1, 1.4946, 2, 2.5, 10, 20.925, 30, 1e3, 1e6)) {
  for (p in probs) { x <- polish(qchisq(p, k), p, function(x, l) pchisq(x, k, lower.tail = l, log.p = TRUE), function(x) dchisq(x, k, log = TRUE))
    add("chisq", k, NA, p, x, pchisq(x, k), pchisq(x, k, lower.tail = FALSE), dchisq(x, k)) }
  for (x in c(1e-5, 3 * k + 700, k + 40 * sqrt(2 * k))) add("chisq", k, NA, NA, x, pchisq(x, k),
    pchisq(x, k, lower.tail = FALSE), dchisq(x, k))
}

# F
qf_exact <- function(p, m, n) {
  if (!is.finite(n)) return(qf(p, m, n))
  xb <- qbeta(p, m / 2, n / 2)
  if (xb < 0.5) return(n / m * xb / (1 - xb))
  yb <- qbeta(p, n / 2, m / 2, lower.tail = FALSE)
  n / m * (1 - yb) / yb
}
for (par in list(c(1.4946, 20.925), c(1.8287, 360.2483), c(2, 13), c(0.5, 0.5), c(1, 1), c(2.5, 10),
                 c(10, 30), c(30, 1e3), c(1, 1e6), c(1e3, 1e6), c(1e6, 1e6), c(1e6, 2.5), c(5, Inf), c(1.4946, Inf))) {
  m <- par[1]; n <- par[2]
  for (p in probs) { x <- polish(qf_exact(p, m, n), p, function(x, l) pf(x, m, n, lower.tail = l, log.p = TRUE), function(x) df(x, m, n, log = TRUE))
    add("f", m, n, p, x, pf(x, m, n), pf(x, m, n, lower.tail = FALSE), df(x, m, n)) }
  for (x in c(1e-6, 1, 80, 1e7)) add("f", m, n, NA, x, pf(x, m, n), pf(x, m, n, lower.tail = FALSE), df(x, m, n))
}

# Beta
for (par in list(c(0.5, 0.5), c(1, 1), c(2.5, 10), c(10, 2.5), c(0.5, 30), c(30, 0.5), c(30, 1e3),
                 c(1e3, 1e3), c(1.4946, 20.925), c(5e5, 0.5), c(0.25, 5e5))) {
  a <- par[1]; b <- par[2]
  for (p in probs) { x <- polish(qbeta(p, a, b), p, function(x, l) pbeta(x, a, b, lower.tail = l, log.p = TRUE), function(x) dbeta(x, a, b, log = TRUE))
    add("beta", a, b, p, x, pbeta(x, a, b), pbeta(x, a, b, lower.tail = FALSE), dbeta(x, a, b)) }
  for (x in c(1e-10, 0.3, 0.999)) add("beta", a, b, NA, x, pbeta(x, a, b), pbeta(x, a, b, lower.tail = FALSE),
    dbeta(x, a, b))
}

out <- do.call(rbind, rows)
write.csv(out, "distributions.csv", row.names = FALSE, quote = FALSE)

# Diagnostics (not written): round-trip error of R's own quantiles, so that a mismatch in the
# Swift tests can be attributed to the right side.
num <- function(v) as.numeric(ifelse(v == "NA", NA, v))
ok <- !is.na(num(out$p)) & is.finite(num(out$x)) & num(out$x) != 0
pp <- num(out$p)[ok]; cc <- num(out$cdf)[ok]; ss <- num(out$survival)[ok]
rt <- ifelse(pp <= 0.5, abs(cc - pp) / pp, abs(ss - (1 - pp)) / (1 - pp))
cat("worst R round trips |P(q(p)) - p|/p:\n")
print(head(cbind(out[ok, 1:5], rt = rt)[order(-rt), ], 10))
