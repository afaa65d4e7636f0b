# The shipped plan (analysis/chilling-effect.analysis) computed with R's survey package, for the
# report benchmark: every table the plan asks for, from the same simulated responses.
#
#   Rscript report.R RESPONSES.csv MARGINS.csv
#
# Prints the wall time of reading the file and of the analysis, in seconds, as JSON on the last
# line. Definitions as in Tests/ConfideAnalysisTests/Fixtures/make-chilling-report.R (which the
# tests check Confide against). psych::alpha gives Cronbach's alpha; omega is not computed here,
# so R does slightly less than Confide.
suppressMessages({
  library(survey)
  library(data.table)
  library(psych)
})
args <- commandArgs(trailingOnly = TRUE)
started <- Sys.time()
d <- as.data.frame(fread(args[1], showProgress = FALSE))
margins <- read.csv(args[2], comment.char = "#", stringsAsFactors = FALSE)
read_seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
analysis_started <- Sys.time()

substantive <- function(x) ifelse(is.na(x) | x < 0, NA, x)
for (v in c("age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition", "trust_confidential",
            "concern_sharing", "concern_company", "concern_government", "concern_control", "delayed_care",
            "withheld_info", "asked_not_record", "seek_care_likely", "disclose_likely", "list_count")) {
  d[[v]] <- substantive(d[[v]])
}
d <- d[!is.na(d$age_band) & !is.na(d$sex) & !is.na(d$region), ]
n <- nrow(d)
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
mw <- mean(weights(raked))
des <- trimWeights(raked, lower = 0.2 * mw, upper = 5 * mw)
groups <- c("born_outside_uk", "ethnicity", "age_band", "long_term_condition")
out <- list()

# 1. Composition: unweighted counts and weighted percentages.
for (v in c("age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition")) {
  out[[paste("composition", v)]] <- list(table(d[[v]], useNA = "ifany"),
                                         svytable(as.formula(paste0("~", v)), des) / sum(weights(des)))
}
# 2. Prevalence with logit intervals, overall and by group, and Rao-Scott tests.
for (item in c("delayed_care", "withheld_info", "asked_not_record")) {
  answered <- !is.na(d[[item]])
  f <- as.formula(paste0("~I(", item, " == 1)"))
  out[[paste(item, "all")]] <- svyciprop(f, subset(des, answered), method = "logit")
  for (g in groups) {
    for (code in sort(unique(d[[g]][!is.na(d[[g]])]))) {
      out[[paste(item, g, code)]] <- svyciprop(f, subset(des, answered & !is.na(d[[g]]) & d[[g]] == code),
                                               method = "logit")
    }
    out[[paste("test", item, g)]] <- svychisq(as.formula(paste0("~", item, "+", g)), des)
  }
}
# 3. Likert items: weighted distribution among substantive answers.
for (item in c("trust_confidential", "concern_sharing", "concern_company", "concern_government", "concern_control")) {
  out[[paste("likert", item)]] <- svymean(as.formula(paste0("~factor(", item, ")")), subset(des, !is.na(d[[item]])))
}
# 4. Scale: alpha (unweighted, as psych) and the weighted mean score by group.
items <- cbind(6 - d$trust_confidential, d$concern_sharing, d$concern_company, d$concern_government, d$concern_control)
out$alpha <- suppressWarnings(psych::alpha(items, check.keys = FALSE))
score <- ifelse(rowSums(!is.na(items)) >= 4, rowMeans(items, na.rm = TRUE), NA)
des <- update(des, score0 = ifelse(is.na(score), 0, score))
scored <- !is.na(score)
out$score <- svymean(~score0, subset(des, scored))
for (g in groups) {
  for (code in sort(unique(d[[g]][!is.na(d[[g]])]))) {
    out[[paste("score", g, code)]] <- svymean(~score0, subset(des, scored & !is.na(d[[g]]) & d[[g]] == code))
  }
}
# 5. Vignette experiments: shares by arm, effects against care_team, and the arm x born interaction.
arms <- c("care_team", "research", "private_platform", "enforcement")
des <- update(des, framing_f = factor(framing, levels = arms),
              born_f = factor(ifelse(born_outside_uk == 1, "yes", "no"), levels = c("yes", "no")))
for (outcome in c("seek_care_likely", "disclose_likely")) {
  asked <- !is.na(d[[outcome]])
  des <- update(des, likely = ifelse(is.na(get(outcome)), 0, as.numeric(get(outcome) >= 4)))
  answered <- subset(des, asked)
  out[[paste(outcome, "shares")]] <- svyby(~likely, ~framing_f, answered, svymean)
  model <- svyglm(likely ~ framing_f, design = answered)
  out[[paste(outcome, "effects")]] <- p.adjust(summary(model)$coefficients[-1, 4], "holm")
  both <- subset(des, asked & !is.na(d$born_outside_uk))
  interaction <- svyglm(likely ~ framing_f * born_f, design = both)
  out[[paste(outcome, "interaction")]] <- regTermTest(interaction, ~framing_f:born_f)
}
# 6. List experiment: treatment minus control mean count, overall and by group.
des <- update(des, treated = as.numeric(list_experiment == "treatment"),
              count0 = ifelse(is.na(list_count), 0, list_count))
counted <- !is.na(d$list_count)
out$list <- svyglm(count0 ~ treated, design = subset(des, counted))
for (g in groups) {
  for (code in sort(unique(d[[g]][!is.na(d[[g]])]))) {
    out[[paste("list", g, code)]] <- svyglm(count0 ~ treated, design = subset(des, counted & !is.na(d[[g]]) &
                                                                               d[[g]] == code))
  }
}
# 7. Adjusted odds ratios of withholding information.
des <- update(des, concern = score,
              born_r = factor(ifelse(born_outside_uk == 1, "yes", "no"), levels = c("no", "yes")),
              ethnicity_f = relevel(factor(c("asian", "black", "mixed", "white", "other")[ethnicity],
                                           levels = c("asian", "black", "mixed", "white", "other")), ref = "white"),
              ltc_f = factor(ifelse(long_term_condition == 1, "yes", "no"), levels = c("no", "yes")))
complete <- with(d, !is.na(withheld_info) & !is.na(score) & !is.na(born_outside_uk) & !is.na(ethnicity) &
                   !is.na(long_term_condition))
model <- svyglm(withheld_info ~ concern + born_r + ethnicity_f + age_f + sex_f + ltc_f, design = subset(des, complete),
                family = quasibinomial())
out$odds <- exp(cbind(coef(model), confint(model)))
analysis_seconds <- as.numeric(difftime(Sys.time(), analysis_started, units = "secs"))
cat(sprintf('{"estimates": %d, "read_seconds": %.3f, "analysis_seconds": %.3f}\n', length(out), read_seconds,
            analysis_seconds))
