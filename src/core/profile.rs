//! The reporting entity this device reports for, set once in Settings and used to start every
//! new submission, and the device's own random id.

use serde::{Deserialize, Serialize};

use crate::core::answers::{Answer, Answers};
use crate::core::order;
use crate::core::schema::{Form, Kind};

/// Who reports from this device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub entity_name: String,
    /// A value of the form's `entity_type` choice list.
    #[serde(default)]
    pub entity_type: String,
    #[serde(default)]
    pub focal_name: String,
    #[serde(default)]
    pub focal_role: String,
}

/// The question ids the profile fills, by convention of the form pack.
const FIELDS: [&str; 4] = ["entity_name", "entity_type", "focal_name", "focal_role"];

impl Profile {
    /// The answers the profile gives a new submission of this form: only for questions the
    /// form has outside repeat groups, and a type only when the form offers it.
    pub fn answers_for(&self, form: &Form) -> Answers {
        let values = [
            &self.entity_name,
            &self.entity_type,
            &self.focal_name,
            &self.focal_role,
        ];
        order::map_of(
            FIELDS
                .iter()
                .zip(values)
                .filter(|(_, value)| !value.trim().is_empty())
                .filter_map(|(id, value)| {
                    let question = form.question(id)?;
                    if form.repeat_of(id).is_some() {
                        return None;
                    }
                    let fits = match question.kind {
                        Kind::Text => true,
                        Kind::SelectOne => form.choices(question).iter().any(|c| &c.value == value),
                        _ => false,
                    };
                    fits.then(|| (id.to_string(), Answer::Text(value.trim().to_string())))
                }),
        )
    }
}

impl Profile {
    /// The answers with the profile's filled in where they are empty (a draft started before
    /// the profile was set); `None` when nothing changes. An answer already given is never
    /// replaced.
    pub fn fill_empty(&self, form: &Form, answers: &Answers) -> Option<Answers> {
        let mut filled = answers.clone();
        for (id, answer) in self.answers_for(form) {
            if answers.get(&id).is_none_or(Answer::is_empty) {
                filled.insert(id, answer);
            }
        }
        (filled != *answers).then_some(filled)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

    #[test]
    fn the_profile_fills_the_reporting_entity() {
        let form = Form::from_json(PACK).expect("pack");
        let profile = Profile {
            entity_name: " مجلس أعزاز المحلي ".into(),
            entity_type: "local_council".into(),
            focal_name: "سلمى".into(),
            focal_role: String::new(),
        };
        let answers = profile.answers_for(&form);
        assert_eq!(
            answers["entity_name"],
            Answer::Text("مجلس أعزاز المحلي".into())
        );
        assert_eq!(answers["entity_type"], Answer::Text("local_council".into()));
        assert_eq!(answers["focal_name"], Answer::Text("سلمى".into()));
        assert!(
            !answers.contains_key("focal_role"),
            "empty fields give no answer"
        );
    }

    #[test]
    fn the_profile_fills_only_empty_answers_of_an_open_draft() {
        let form = Form::from_json(PACK).expect("pack");
        let profile = Profile {
            entity_name: "مجلس أعزاز المحلي".into(),
            focal_name: "سلمى".into(),
            ..Profile::default()
        };
        let typed = Answers::from([("focal_name".into(), Answer::Text("ليلى".into()))]);
        let filled = profile
            .fill_empty(&form, &typed)
            .expect("the entity was empty");
        assert_eq!(
            filled["entity_name"],
            Answer::Text("مجلس أعزاز المحلي".into())
        );
        assert_eq!(
            filled["focal_name"],
            Answer::Text("ليلى".into()),
            "kept as typed"
        );
        assert_eq!(profile.fill_empty(&form, &filled), None);
    }

    #[test]
    fn a_type_the_form_does_not_offer_is_left_out() {
        let form = Form::from_json(PACK).expect("pack");
        let profile = Profile {
            entity_type: "ministry".into(),
            ..Profile::default()
        };
        assert!(profile.answers_for(&form).is_empty());
    }
}
