//! The limits of a data download, decided as it arrives: a size cap, checked against what the
//! server announces and against what actually comes, and a stall timeout. The worker's fetch
//! (`worker::fetch`) is the glue that feeds it; the decisions are here, where they are tested.

/// The largest file the lab downloads: five times the 1.6 MB of digits it ships
/// (`assets/mnist/`). A server that announces more, or sends more, is not serving that file,
/// and the worker must not reserve whatever a header says.
pub const MAX_BYTES: u64 = 8_000_000;
/// A download that brings nothing new for this long has stalled: it fails with a message
/// rather than leaving the chapter at "Loading the digits" for ever.
pub const STALL_MS: f64 = 60_000.0;

/// One download under way: what arrived, and when it last made progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    url: String,
    received: u64,
    last_progress: f64,
}

impl Download {
    /// Started at `now` (milliseconds).
    pub fn new(url: &str, now: f64) -> Download {
        Download {
            url: url.to_string(),
            received: 0,
            last_progress: now,
        }
    }

    /// The bytes to reserve for an announced length (0 when none was announced), or an error
    /// when it is over the cap.
    pub fn announced(&self, content_length: u64) -> Result<usize, String> {
        self.within(content_length)?;
        Ok(content_length as usize)
    }

    /// A chunk of `bytes` arrived at `now`: the new total, or an error once past the cap.
    pub fn arrived(&mut self, bytes: u64, now: f64) -> Result<u64, String> {
        let total = self.received.saturating_add(bytes);
        self.within(total)?;
        self.received = total;
        if bytes > 0 {
            self.last_progress = now;
        }
        Ok(total)
    }

    /// How long to wait for the next chunk before [`Download::stalled`] is asked.
    pub fn patience(&self, now: f64) -> f64 {
        (self.last_progress + STALL_MS - now).max(0.0)
    }

    /// An error when nothing new has arrived for `STALL_MS` by `now`.
    pub fn stalled(&self, now: f64) -> Result<(), String> {
        if now - self.last_progress >= STALL_MS {
            Err(format!(
                "could not fetch {}: no data for {} s (received {} bytes)",
                self.url,
                (STALL_MS / 1000.0).round(),
                self.received
            ))
        } else {
            Ok(())
        }
    }

    fn within(&self, bytes: u64) -> Result<(), String> {
        if bytes > MAX_BYTES {
            Err(format!(
                "could not fetch {}: {bytes} bytes is more than the {MAX_BYTES} this file can be",
                self.url
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announced_length_over_the_cap_is_refused_before_anything_is_reserved() {
        let d = Download::new("digits.gz", 0.0);
        assert_eq!(d.announced(1_590_847), Ok(1_590_847));
        assert_eq!(d.announced(0), Ok(0));
        let e = d.announced(u64::MAX).unwrap_err();
        assert!(e.contains("digits.gz") && e.contains("8000000"), "{e}");
    }

    #[test]
    fn bytes_received_past_the_cap_fail_whatever_was_announced() {
        let mut d = Download::new("digits.gz", 0.0);
        assert_eq!(d.arrived(MAX_BYTES - 10, 1.0), Ok(MAX_BYTES - 10));
        assert_eq!(d.arrived(10, 2.0), Ok(MAX_BYTES));
        assert!(d.arrived(1, 3.0).is_err());
        assert!(d.arrived(u64::MAX, 4.0).is_err(), "no overflow");
    }

    #[test]
    fn a_download_stalls_after_a_minute_without_new_bytes() {
        let mut d = Download::new("digits.gz", 1_000.0);
        assert_eq!(d.patience(1_000.0), STALL_MS);
        assert_eq!(d.stalled(1_000.0 + STALL_MS - 1.0), Ok(()));
        // Progress restarts the clock; an empty chunk does not.
        d.arrived(100, 30_000.0).unwrap();
        d.arrived(0, 80_000.0).unwrap();
        assert_eq!(d.patience(80_000.0), 10_000.0);
        assert_eq!(d.stalled(89_999.0), Ok(()));
        let e = d.stalled(90_000.0).unwrap_err();
        assert_eq!(
            e,
            "could not fetch digits.gz: no data for 60 s (received 100 bytes)"
        );
        assert_eq!(d.patience(100_000.0), 0.0);
    }
}
