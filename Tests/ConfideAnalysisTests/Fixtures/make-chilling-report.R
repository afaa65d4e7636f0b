# Reference values for the shipped analysis plan (analysis/chilling-effect.analysis), computed
# with R's survey package from the committed simulated sample chilling-sample.csv, written by
#   confide simulate surveys/nhs-data-trust.survey --n 3000 --seed 7 (effects: see Demo.swift)
# Run from this folder: Rscript make-chilling-report.R  (R 4.2, survey 4.1-1)
#
# The plan's definitions, restated for R:
# - negative codes are declared missing codes and are left out of every base, like blanks;
# - respondents without a substantive age band, sex or region cannot be raked and are left out;
# - rake to the margins file's shares times the number of respondents kept (rake's defaults:
#   epsilon = 1, maxit = 10), then trimWeights to [0.2, 5] times the mean weight;
# - prevalence: svyciprop(method = "logit") on the respondents who answered (and were in the group);
# - vignette: the share answering fairly or very likely, by arm (svyby), and each arm against
#   care_team (svyglm(y ~ arm), t on degf of the answered subset), Holm-adjusted p across arms;
# - list experiment: treatment mean count minus control mean count (svyglm(count ~ treated));
# - odds ratios: svyglm(quasibinomial) on complete cases, exp(confint()).
suppressMessages(library(survey))
options(digits = 17)
d <- read.csv("chilling-sample.csv", stringsAsFactors = FALSE)
substantive <- function(x) ifelse(is.na(x) | x < 0, NA, x)
numeric_vars <- c("age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition",
                  "trust_confidential", "concern_sharing", "concern_company", "concern_government",
                  "concern_control", "delayed_care", "withheld_info", "asked_not_record",
                  "seek_care_likely", "disclose_likely", "list_count")
for (v in numeric_vars) d[[v]] <- substantive(d[[v]])
d <- d[!is.na(d$age_band) & !is.na(d$sex) & !is.na(d$region), ]
n <- nrow(d)

margins <- read.csv("../../../analysis/chilling-effect-margins.csv", comment.char = "#", stringsAsFactors = FALSE)
age_names <- c("age_16_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64", "age_65_74", "age_75_plus")
region_names <- c("north_east", "north_west", "yorkshire", "east_midlands", "west_midlands", "east_of_england",
                  "london", "south_east", "south_west", "wales", "scotland", "northern_ireland")
d$age_f <- factor(age_names[d$age_band], levels = age_names)
d$sex_f <- factor(c("female", "male")[d$sex], levels = c("female", "male"))
d$region_f <- factor(region_names[d$region], levels = region_names)
population <- function(variable, column, levels) {
  m <- margins[margins$variable == variable, ]
  out <- data.frame(factor(m$level, levels = levels), m$proportion * n)
  names(out) <- c(column, "Freq")
  out
}
base <- suppressWarnings(svydesign(ids = ~1, data = d))
raked <- rake(base, list(~age_f, ~sex_f, ~region_f),
              list(population("age_band", "age_f", age_names), population("sex", "sex_f", c("female", "male")),
                   population("region", "region_f", region_names)))
mean_weight <- mean(weights(raked))
des <- trimWeights(raked, lower = 0.2 * mean_weight, upper = 5 * mean_weight)

results <- data.frame(figure = character(), statistic = character(), value = numeric(), stringsAsFactors = FALSE)
put <- function(figure, statistic, value) {
  results[nrow(results) + 1, ] <<- list(figure, statistic, as.numeric(value))
}
put("sample", "n", n)
put("weights", "sum", sum(weights(des)))

# Prevalence, overall and by group: figure "prevalence ITEM GROUP CODE".
groups <- c("born_outside_uk", "ethnicity", "age_band", "long_term_condition")
prevalence <- function(item, label, domain) {
  design <- subset(des, domain)
  p <- svyciprop(as.formula(paste0("~I(", item, " == 1)")), design, method = "logit")
  ci <- attr(p, "ci")
  # svyciprop's logit estimate comes from glm's IRLS, which stops at a relative change of 1e-8;
  # the exact weighted proportion is svymean's.
  put(label, "estimate", coef(p)[[1]])
  exact <- svymean(as.formula(paste0("~I(", item, " == 1)")), design, na.rm = TRUE)
  put(label, "mean", coef(exact)[[2]])
  put(label, "lower", ci[[1]])
  put(label, "upper", ci[[2]])
  put(label, "n", sum(domain))
}
for (item in c("delayed_care", "withheld_info", "asked_not_record")) {
  answered <- !is.na(d[[item]])
  prevalence(item, paste("prevalence", item, "all"), answered)
  for (g in groups) {
    for (code in sort(unique(d[[g]][!is.na(d[[g]])]))) {
      prevalence(item, paste("prevalence", item, g, code), answered & !is.na(d[[g]]) & d[[g]] == code)
    }
  }
}

# Vignette: share fairly or very likely (codes 4, 5) by arm, and each arm against care_team.
arms <- c("care_team", "research", "private_platform", "enforcement")
des <- update(des, framing_f = factor(framing, levels = arms))
for (outcome in c("seek_care_likely", "disclose_likely")) {
  # survey 4.1-1's svyby(covmat = TRUE) fails on missing values, and subset() of a calibrated
  # design keeps the left-out rows (with zero weight): give them a placeholder 0, which their
  # zero weight removes from every estimate.
  des <- update(des, asked = !is.na(get(outcome)), likely = ifelse(is.na(get(outcome)), 0, as.numeric(get(outcome) >= 4)))
  answered <- subset(des, asked)
  # svyby(covmat = TRUE) fails on subsets of calibrated designs in survey 4.1-1; svyglm(y ~ arm)
  # is saturated in arm, so its coefficients are the same differences with the same SEs.
  by <- svyby(~likely, ~framing_f, answered, svymean)
  model <- svyglm(likely ~ framing_f, design = answered)
  df <- degf(answered)
  est <- coef(by)
  ps <- c()
  for (i in seq_along(arms)) {
    put(paste("vignette", outcome, "share", arms[i]), "estimate", est[[i]])
    put(paste("vignette", outcome, "share", arms[i]), "se", SE(by)[[i]])
  }
  for (i in 2:length(arms)) {
    e <- coef(model)[[i]]; s <- SE(model)[[i]]
    k <- paste("vignette", outcome, "effect", arms[i])
    put(k, "estimate", e); put(k, "se", s)
    put(k, "lower", e - qt(0.975, df) * s); put(k, "upper", e + qt(0.975, df) * s)
    p <- 2 * pt(-abs(e / s), df); put(k, "p", p)
    ps <- c(ps, p)
  }
  holm <- p.adjust(ps, "holm")
  for (i in 2:length(arms)) put(paste("vignette", outcome, "effect", arms[i]), "p_holm", holm[i - 1])
}

# List experiment: treatment minus control mean count, overall and by group.
des <- update(des, treated = as.numeric(list_experiment == "treatment"),
              count0 = ifelse(is.na(list_count), 0, list_count))
list_estimate <- function(label, domain) {
  design <- subset(des, domain)
  model <- svyglm(count0 ~ treated, design = design)
  e <- coef(model)[["treated"]]; s <- SE(model)[["treated"]]
  df <- degf(design)
  put(label, "estimate", e); put(label, "se", s)
  put(label, "lower", e - qt(0.975, df) * s); put(label, "upper", e + qt(0.975, df) * s)
}
answered <- !is.na(d$list_count)
list_estimate("list all", answered)
for (g in groups) {
  for (code in sort(unique(d[[g]][!is.na(d[[g]])]))) {
    list_estimate(paste("list", g, code), answered & !is.na(d[[g]]) & d[[g]] == code)
  }
}

# Adjusted odds ratios of withholding information. Privacy concern: the mean of the five items
# with trust_confidential reversed (6 - x), when at least 4 are answered.
items <- cbind(6 - d$trust_confidential, d$concern_sharing, d$concern_company, d$concern_government, d$concern_control)
answered_items <- rowSums(!is.na(items))
concern <- ifelse(answered_items >= 4, rowMeans(items, na.rm = TRUE), NA)
ethnic_names <- c("asian", "black", "mixed", "other_group", "white")
des <- update(des,
  concern = concern,
  born_f = factor(ifelse(born_outside_uk == 1, "yes", "no"), levels = c("no", "yes")),
  ethnicity_f = relevel(factor(c("asian", "black", "mixed", "white", "other")[ethnicity],
                               levels = c("asian", "black", "mixed", "white", "other")), ref = "white"),
  ltc_f = factor(ifelse(long_term_condition == 1, "yes", "no"), levels = c("no", "yes")))
complete <- with(d, !is.na(withheld_info) & !is.na(concern) & !is.na(born_outside_uk) & !is.na(ethnicity) &
                   !is.na(age_band) & !is.na(sex) & !is.na(long_term_condition))
model <- svyglm(withheld_info ~ concern + born_f + ethnicity_f + age_f + sex_f + ltc_f,
                design = subset(des, complete), family = quasibinomial())
ci <- confint(model)
for (name in names(coef(model))[-1]) {
  put(paste("odds", name), "estimate", exp(coef(model)[[name]]))
  put(paste("odds", name), "lower", exp(ci[name, 1]))
  put(paste("odds", name), "upper", exp(ci[name, 2]))
  put(paste("odds", name), "p", summary(model)$coefficients[name, 4])
}
put("odds", "n", sum(complete))

write.csv(results, "chilling-report-expected.csv", row.names = FALSE)
cat("wrote", nrow(results), "figures\n")
