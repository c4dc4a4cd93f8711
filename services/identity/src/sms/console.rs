use super::{Sms, SmsError, SmsSender};
use futures_util::future::BoxFuture;

/// Embedded mode's provider: the code goes to the log, so a newcomer can log
/// in without an SMS account. The only place a code is ever logged.
pub struct Console;

impl SmsSender for Console {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> BoxFuture<'a, Result<(), SmsError>> {
        log::warn!(
            "sms.provider=console (not for production): to {}: {}",
            sms.receptor,
            sms.text()
        );
        Box::pin(async { Ok(()) })
    }
}
