//! The self-check form as typed (strings kept as typed, so nothing is lost), and its conversion to
//! the shared [`EligibilityInput`] with errors named by the same field paths the server uses.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::eligibility::{EligibilityInput, LeaderFacts, SkillLevel, Title, UnitFacts, UnitKind};
use shared::wire::FieldError;
use shared::{Level, NationalCategory};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    pub level: Level,
    pub national_category: Option<NationalCategory>,
    pub application_date: String,
    pub birth_date: String,
    pub titles: Vec<Title>,
    pub skill_level: SkillLevel,
    pub top_skill: bool,
    pub mentoring_experience: bool,
    pub healthy: bool,
    pub can_run_studio: bool,
    pub active_innovation: bool,
    pub influential_invention: bool,
    pub economic_benefit: bool,
    pub unique_skills: bool,
    pub craft_contribution: bool,
    pub teacher_qualification: bool,
    pub integrated_teacher: bool,
    pub front_line_teaching: bool,
    pub enterprise_experience: bool,
    pub unit_kind: UnitKind,
    pub employees: String,
    pub skilled_employees: String,
    pub talent_policies: bool,
    pub funding_and_premises: bool,
    pub training_results: bool,
    pub has_approved_regional_studio: bool,
    pub last_exit_date: String,
}

impl Default for FormState {
    fn default() -> Self {
        FormState {
            level: Level::Regional,
            national_category: None,
            application_date: String::new(),
            birth_date: String::new(),
            titles: Vec::new(),
            skill_level: SkillLevel::None,
            top_skill: false,
            mentoring_experience: false,
            healthy: false,
            can_run_studio: false,
            active_innovation: false,
            influential_invention: false,
            economic_benefit: false,
            unique_skills: false,
            craft_contribution: false,
            teacher_qualification: false,
            integrated_teacher: false,
            front_line_teaching: false,
            enterprise_experience: false,
            unit_kind: UnitKind::Enterprise,
            employees: String::new(),
            skilled_employees: String::new(),
            talent_policies: false,
            funding_and_premises: false,
            training_results: false,
            has_approved_regional_studio: false,
            last_exit_date: String::new(),
        }
    }
}

fn date(
    text: &str,
    field: &str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            errors.push(FieldError::new(field, "请填写日期", "please enter a date"));
        }
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "日期格式应为 年-月-日",
                "date must be YYYY-MM-DD",
            ));
            None
        }
    }
}

fn count(text: &str, field: &str, errors: &mut Vec<FieldError>) -> i64 {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(
            field,
            "请填写人数",
            "please enter a number",
        ));
        return 0;
    }
    match text.parse::<i64>() {
        Ok(n) => n,
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "应为不小于 0 的整数",
                "must be a whole number, 0 or more",
            ));
            0
        }
    }
}

impl FormState {
    /// The form as it was filled for `input` (an application's stored facts).
    pub fn from_input(input: &EligibilityInput) -> FormState {
        let l = &input.leader;
        let u = &input.unit;
        let enterprise = u.kind == UnitKind::Enterprise;
        FormState {
            level: input.level,
            national_category: input.national_category,
            application_date: input.application_date.to_string(),
            birth_date: l.birth_date.to_string(),
            titles: l.titles.clone(),
            skill_level: l.skill_level,
            top_skill: l.top_skill,
            mentoring_experience: l.mentoring_experience,
            healthy: l.healthy,
            can_run_studio: l.can_run_studio,
            active_innovation: l.active_innovation,
            influential_invention: l.influential_invention,
            economic_benefit: l.economic_benefit,
            unique_skills: l.unique_skills,
            craft_contribution: l.craft_contribution,
            teacher_qualification: l.teacher_qualification,
            integrated_teacher: l.integrated_teacher,
            front_line_teaching: l.front_line_teaching,
            enterprise_experience: l.enterprise_experience,
            unit_kind: u.kind,
            employees: if enterprise {
                u.employees.to_string()
            } else {
                String::new()
            },
            skilled_employees: if enterprise {
                u.skilled_employees.to_string()
            } else {
                String::new()
            },
            talent_policies: u.talent_policies,
            funding_and_premises: u.funding_and_premises,
            training_results: u.training_results,
            has_approved_regional_studio: u.has_approved_regional_studio,
            last_exit_date: u.last_exit_date.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The leader's facts with `birth_date`, as typed.
    fn leader_with(&self, birth_date: chrono::NaiveDate) -> LeaderFacts {
        LeaderFacts {
            birth_date,
            titles: self.titles.clone(),
            skill_level: self.skill_level,
            active_innovation: self.active_innovation,
            influential_invention: self.influential_invention,
            economic_benefit: self.economic_benefit,
            unique_skills: self.unique_skills,
            craft_contribution: self.craft_contribution,
            top_skill: self.top_skill,
            mentoring_experience: self.mentoring_experience,
            healthy: self.healthy,
            can_run_studio: self.can_run_studio,
            teacher_qualification: self.teacher_qualification,
            integrated_teacher: self.integrated_teacher,
            front_line_teaching: self.front_line_teaching,
            enterprise_experience: self.enterprise_experience,
            last_exit_date: None,
        }
    }

    /// The leader's facts alone (a new leader of a change request), or the date's error.
    pub fn leader_facts(&self) -> Result<LeaderFacts, Vec<FieldError>> {
        let mut errors = Vec::new();
        match date(&self.birth_date, "leader.birth_date", true, &mut errors) {
            Some(birth_date) => Ok(self.leader_with(birth_date)),
            None => Err(errors),
        }
    }

    /// The input the rules read, or every field error (typing errors and the shared validation).
    pub fn to_input(&self) -> Result<EligibilityInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let application_date = date(
            &self.application_date,
            "application_date",
            true,
            &mut errors,
        );
        let birth_date = date(&self.birth_date, "leader.birth_date", true, &mut errors);
        let last_exit_date = date(
            &self.last_exit_date,
            "unit.last_exit_date",
            false,
            &mut errors,
        );
        let enterprise = self.unit_kind == UnitKind::Enterprise;
        let (employees, skilled_employees) = if enterprise {
            (
                count(&self.employees, "unit.employees", &mut errors),
                count(
                    &self.skilled_employees,
                    "unit.skilled_employees",
                    &mut errors,
                ),
            )
        } else {
            (0, 0)
        };
        let (Some(application_date), Some(birth_date)) = (application_date, birth_date) else {
            return Err(errors);
        };
        let input = EligibilityInput {
            level: self.level,
            national_category: if self.level == Level::National {
                self.national_category
            } else {
                None
            },
            application_date,
            leader: self.leader_with(birth_date),
            unit: UnitFacts {
                kind: self.unit_kind,
                employees,
                skilled_employees,
                talent_policies: self.talent_policies,
                funding_and_premises: self.funding_and_premises,
                training_results: self.training_results,
                has_approved_regional_studio: self.level == Level::National
                    && self.has_approved_regional_studio,
                last_exit_date,
            },
        };
        if let Err(more) = input.check() {
            errors.extend(more);
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> FormState {
        FormState {
            application_date: "2026-03-01".into(),
            birth_date: "1975-06-01".into(),
            employees: "100".into(),
            skilled_employees: "40".into(),
            ..FormState::default()
        }
    }

    #[test]
    fn an_empty_form_names_the_missing_dates_and_counts() {
        let errors = FormState::default().to_input().err().unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "application_date",
                "leader.birth_date",
                "unit.employees",
                "unit.skilled_employees"
            ]
        );
    }

    #[test]
    fn more_skilled_workers_than_employees_is_named_like_on_the_server() {
        let form = FormState {
            skilled_employees: "101".into(),
            ..filled()
        };
        let errors = form.to_input().err().unwrap_or_default();
        assert!(errors.iter().any(|e| e.field == "unit.skilled_employees"));
    }

    #[test]
    fn counts_are_not_read_for_a_school() {
        let form = FormState {
            unit_kind: UnitKind::School,
            employees: String::new(),
            skilled_employees: "x".into(),
            ..filled()
        };
        assert!(form.to_input().is_ok());
    }

    #[test]
    fn a_stored_application_fills_the_form_as_it_was_typed() {
        let input = filled().to_input().ok();
        let again = input
            .as_ref()
            .map(FormState::from_input)
            .and_then(|f| f.to_input().ok());
        assert_eq!(input, again);
    }

    #[test]
    fn a_typed_form_becomes_the_servers_input() {
        let input = filled().to_input();
        assert!(
            input
                .as_ref()
                .is_ok_and(|i| i.unit.employees == 100 && i.unit.skilled_employees == 40)
        );
    }
}
