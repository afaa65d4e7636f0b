# Independent 30-40 digit values (mpmath 1.3) for the densities at 10^6 degrees of freedom, where
# R 4.2's dchisq/df are off by up to 3e-11. Hard-coded in DistributionsTests.hugeDegreesOfFreedomDensities.
from mpmath import mp, mpf, loggamma, exp, log
mp.dps = 40
def dchisq(x, k):
    x, k = mpf(x), mpf(k); a = k / 2
    return exp((a - 1) * log(x / 2) - x / 2 - loggamma(a)) / 2
def df(x, m, n):
    x, m, n = mpf(x), mpf(m), mpf(n)
    return exp((m / 2) * log(m / n) + (m / 2 - 1) * log(x) - ((m + n) / 2) * log(1 + m * x / n)
               - (loggamma(m / 2) + loggamma(n / 2) - loggamma((m + n) / 2)))
for x in ["990084.0366937247", "997230.0871432901", "1009980.6129055015"]:
    print("dchisq", x, mp.nstr(dchisq(x, 1e6), 20))
for x, m, n in [("0.29789110787143674", 1e6, 2.5), ("80", 1e6, 2.5), ("0.9960877426934703", 1e6, 1e6)]:
    print("df", x, m, n, mp.nstr(df(x, m, n), 20))
