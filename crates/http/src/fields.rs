//! Per-field complaints, written once in Persian and English and rendered
//! in each dialect: `errors: {"field": ["..."]}` for the panel, ledger and
//! building dialects (Persian unless `Accept-Language: en`), and the
//! bazaar's `data: ["..."]` list of Yii-style English sentences (seed 000).

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

/// Every field at fault, each with its messages, in the order they were
/// found (the bazaar app lists them so; objects sort by field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, Vec<Text>)>);

impl FieldErrors {
    pub fn single(field: impl Into<String>, text: impl Into<Text>) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, text);
        errors
    }

    pub fn add(&mut self, field: impl Into<String>, text: impl Into<Text>) {
        let field = field.into();
        match self.0.iter_mut().find(|(f, _)| *f == field) {
            Some((_, texts)) => texts.push(text.into()),
            None => self.0.push((field, vec![text.into()])),
        }
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
                .flat_map(|(_, texts)| texts)
                .map(|t| Value::from(t.en.as_ref()))
                .collect(),
            _ => Value::Object(
                self.0
                    .iter()
                    .map(|(field, texts)| {
                        let list = texts.iter().map(|t| Value::from(t.pick(lang))).collect();
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
        for (field, texts) in &self.0 {
            for text in texts {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{field}: {}", text.en)?;
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
