//! CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of gzip (RFC 1952 §8) and
//! of the lab's own asset formats, computed a byte at a time from a table built at compile time.

const POLYNOMIAL: u32 = 0xEDB8_8320;

const TABLE: [u32; 256] = table();

const fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                POLYNOMIAL ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let crc = bytes
        .iter()
        .fold(!0u32, |c, &b| TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8));
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_match_the_standard_check_values() {
        // The "check" value of CRC-32/ISO-HDLC in the catalogue of parametrised CRCs.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // zlib.crc32(b"The quick brown fox jumps over the lazy dog") in Python.
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
