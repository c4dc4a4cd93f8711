//! Per-field complaints, each a [`Rule`] of the one rule set (or a text of
//! a service's own in both languages), rendered in each dialect:
//! `errors: {"field": ["..."]}` for the panel, ledger and building dialects
//! (Persian unless `Accept-Language: en`), and the bazaar's `data: ["..."]`
//! list of Yii-style English sentences (seed 000).

use crate::rules::Rule;
use crate::{Dialect, Lang};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub fa: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(fa: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            fa: fa.into(),
            en: en.into(),
        }
    }

    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.fa, &self.en)
    }
}

/// One complaint about a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A rule broken, with the field's label for the bazaar's sentence.
    Rule {
        rule: Rule,
        label: Cow<'static, str>,
    },
    /// A text of the service's own.
    Text(Text),
}

impl Entry {
    fn field_message(&self, lang: Lang) -> String {
        match self {
            Entry::Rule { rule, .. } => rule.message(lang),
            Entry::Text(text) => text.pick(lang).to_string(),
        }
    }

    fn sentence(&self) -> String {
        match self {
            Entry::Rule { rule, label } => rule.sentence(label),
            Entry::Text(text) => text.en.to_string(),
        }
    }
}

impl From<Text> for Entry {
    fn from(text: Text) -> Entry {
        Entry::Text(text)
    }
}

/// A rule without a label: for dialects that key messages by field.
impl From<Rule> for Entry {
    fn from(rule: Rule) -> Entry {
        Entry::Rule {
            rule,
            label: Cow::Borrowed("Value"),
        }
    }
}

/// Every field at fault, each with its messages, in the order they were
/// found (the bazaar app lists them so; objects sort by field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, Vec<Entry>)>);

impl FieldErrors {
    pub fn single(field: impl Into<String>, text: impl Into<Entry>) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, text);
        errors
    }

    pub fn add(&mut self, field: impl Into<String>, entry: impl Into<Entry>) {
        let field = field.into();
        match self.0.iter_mut().find(|(f, _)| *f == field) {
            Some((_, entries)) => entries.push(entry.into()),
            None => self.0.push((field, vec![entry.into()])),
        }
    }

    /// `field`, called `label` in the bazaar's sentences, broke `rule`.
    pub fn add_rule(
        &mut self,
        field: impl Into<String>,
        label: impl Into<Cow<'static, str>>,
        rule: Rule,
    ) {
        self.add(
            field,
            Entry::Rule {
                rule,
                label: label.into(),
            },
        );
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(f, _)| f.as_str())
    }

    /// `Ok` when nothing was added, else `wrap(self)`.
    pub fn or_fail<E>(self, wrap: impl FnOnce(FieldErrors) -> E) -> Result<(), E> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(wrap(self))
        }
    }

    /// The dialect's place for per-field messages.
    pub fn render(&self, dialect: Dialect, lang: Lang) -> Value {
        match dialect {
            // the bazaar app's Yii validation answers are English sentences
            Dialect::Bazaar => self
                .0
                .iter()
                .flat_map(|(_, entries)| entries)
                .map(|e| Value::from(e.sentence()))
                .collect(),
            _ => Value::Object(
                self.0
                    .iter()
                    .map(|(field, entries)| {
                        let list = entries
                            .iter()
                            .map(|e| Value::from(e.field_message(lang)))
                            .collect();
                        (field.clone(), Value::Array(list))
                    })
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, entries) in &self.0 {
            for entry in entries {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{field}: {}", entry.field_message(Lang::En))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rule_reads_as_the_dialect_wants_it() {
        let mut errors = FieldErrors::default();
        errors.add_rule("name", "Name", Rule::TooShort(3));
        errors.add_rule("email", "Email", Rule::Email);
        assert_eq!(
            errors.render(Dialect::Bazaar, Lang::Fa),
            json!([
                "Name should contain at least 3 characters.",
                "Email is not a valid email address."
            ])
        );
        assert_eq!(
            errors.render(Dialect::Ledger, Lang::En),
            json!({"email": ["Must be a valid e-mail address"], "name": ["Must be at least 3 characters"]})
        );
        assert_eq!(
            errors.render(Dialect::Panel, Lang::Fa)["email"][0],
            "آدرس ایمیل معتبر نیست"
        );
    }

    #[test]
    fn each_dialect_has_its_place_for_field_messages() {
        let mut errors =
            FieldErrors::single("name", Text::new("الزامی است", "Name cannot be blank."));
        errors.add("age", Text::new("عدد نیست", "Age must be an integer."));
        assert_eq!(
            errors.render(Dialect::Ledger, Lang::Fa),
            json!({"age": ["عدد نیست"], "name": ["الزامی است"]})
        );
        assert_eq!(
            errors.render(Dialect::Panel, Lang::En),
            json!({"age": ["Age must be an integer."], "name": ["Name cannot be blank."]})
        );
        assert_eq!(
            errors.render(Dialect::Bazaar, Lang::Fa),
            json!(["Name cannot be blank.", "Age must be an integer."])
        );
    }
}
