#!/usr/bin/env Rscript
# The statistics benchmark's analysis in R's `survey` (the reference implementation).
#
#   Rscript analysis.R DATA.csv MARGINS.csv RESULTS.csv [ITEMS]
#
# ITEMS (default 40) estimates only the first ITEMS items: R needs about a minute of CPU per
# item at 1,000,000 respondents, so run.sh can time a subset and scale it (R_ITEMS).
# Rakes a stratified cluster design to three population margins, then estimates 40 weighted
# proportions with linearised SEs overall, by birth abroad and by ethnicity (na.rm=TRUE: the
# respondents with an answer are a domain), and fits one design-based logistic regression.
# Writes every estimate and SE with 17 significant digits to RESULTS.csv and prints the
# phases' wall times (seconds) as one JSON object on stdout.
suppressPackageStartupMessages({
  library(survey)
  library(data.table)
  library(jsonlite)
})
options(survey.lonely.psu = "fail")
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) %in% 3:4)
n_items <- if (length(args) == 4) as.integer(args[4]) else 40L
now <- function() proc.time()[["elapsed"]]
cpu <- function() sum(proc.time()[c("user.self", "sys.self")])
fmt <- function(x) sprintf("%.17g", x)

t0 <- now()
data <- as.data.frame(fread(args[1], na.strings = ""))
margins <- read.csv(args[2])
t1 <- now()

design <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = data)
population <- lapply(c("age", "sex", "region"), function(v) {
  m <- margins[margins$variable == v, c("level", "count")]
  names(m) <- c(v, "Freq")
  m
})
# epsilon < 1 is relative to the total weight; tight enough that every tool stops at the same
# weights to ~1e-12.
raked <- rake(design, list(~age, ~sex, ~region), population,
              control = list(epsilon = 1e-13, maxit = 100))
t2 <- now()
c2 <- cpu()

items <- sprintf("q%02d", seq_len(n_items))
rows <- list()
add <- function(kind, variable, by, level, estimate, se) {
  rows[[length(rows) + 1]] <<- data.frame(kind = kind, variable = variable, by = by,
                                           level = as.character(level), estimate = fmt(estimate),
                                           se = fmt(se))
}
for (item in items) {
  f <- as.formula(paste0("~", item))
  m <- svymean(f, raked, na.rm = TRUE)
  add("prop", item, "all", "all", coef(m), SE(m))
  for (g in c("born_abroad", "ethnicity")) {
    b <- svyby(f, as.formula(paste0("~", g)), raked, svymean, na.rm = TRUE)
    add("prop", item, g, b[[g]], b[[item]], SE(b))
  }
}
t3 <- now()
c3 <- cpu()

model <- svyglm(y ~ factor(age) + factor(sex) + born_abroad + concern, design = raked,
                family = quasibinomial())
terms <- sub("factor\\((age|sex)\\)", "\\1", names(coef(model)))
add("glm", terms, "all", "all", coef(model), SE(model))
t4 <- now()

write.csv(do.call(rbind, rows), args[3], row.names = FALSE, quote = FALSE)
cat(toJSON(list(tool = "R survey", version = as.character(packageVersion("survey")),
                rows = nrow(data), load = t1 - t0, design_rake = t2 - t1,
                items = n_items, proportions = t3 - t2, proportions_cpu = c3 - c2, regression = t4 - t3, analysis = t4 - t1),
           auto_unbox = TRUE, digits = NA), "\n")
