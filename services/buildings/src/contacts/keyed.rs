//! The document's answer listing a user's secondary contacts: an object
//! keyed `"1"`, `"2"`, … (e-mails first, then phone numbers, each oldest
//! first), each `{"id": "N", "email": "…"}` or `{"id": "N", "phoneNum":
//! "…"}` with the id as a string and each kind numbered on its own, and
//! after them `"error"` when the request was refused.

use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Contact {
    Email {
        /// The e-mail's id, as a string.
        id: String,
        email: String,
    },
    Phone {
        /// The phone number's id, as a string (e-mails and phone numbers
        /// are numbered apart).
        id: String,
        /// Stored as `09XXXXXXXXX` (mobile) or `0` + area code + number.
        #[serde(rename = "phoneNum")]
        phone: String,
    },
}

/// The keyed object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyed {
    pub contacts: Vec<Contact>,
    /// The document's `"error"` beside the contacts.
    pub error: Option<&'static str>,
}

impl Serialize for Keyed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = usize::from(self.error.is_some());
        let mut map = serializer.serialize_map(Some(self.contacts.len() + extra))?;
        for (i, contact) in self.contacts.iter().enumerate() {
            map.serialize_entry(&(i + 1).to_string(), contact)?;
        }
        if let Some(error) = self.error {
            map.serialize_entry("error", error)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_documents_shape() {
        let keyed = Keyed {
            contacts: vec![
                Contact::Email {
                    id: "1".into(),
                    email: "Test.Test@Test.com".into(),
                },
                Contact::Phone {
                    id: "1".into(),
                    phone: "01122334455".into(),
                },
            ],
            error: Some("No Data Inserted."),
        };
        // the document's order too: keys in sequence, `id` first, `error` last
        assert_eq!(
            serde_json::to_string(&keyed).unwrap(),
            r#"{"1":{"id":"1","email":"Test.Test@Test.com"},"2":{"id":"1","phoneNum":"01122334455"},"error":"No Data Inserted."}"#
        );
        assert_eq!(serde_json::to_string(&Keyed::default()).unwrap(), "{}");
    }
}
