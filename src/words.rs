//! Counts in the words people read: "1 page", "14 pages". Every message and generated
//! sentence that puts a number before a noun goes through [`count`], so none says "1 pages".

use std::fmt::Display;

/// `number` followed by `one` when it is exactly 1, else by `many`: `count(1, "page", "pages")`
/// is "1 page", `count(0, "page", "pages")` is "0 pages".
pub fn count<N: Display>(number: N, one: &str, many: &str) -> String {
    let digits = number.to_string();
    let noun = if digits == "1" { one } else { many };
    format!("{digits} {noun}")
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1_u64, "page", "pages"), "1 page");
        assert_eq!(count(0_usize, "page", "pages"), "0 pages");
        assert_eq!(count(14_u32, "entry", "entries"), "14 entries");
        assert_eq!(count(11_u64, "file", "files"), "11 files");
    }
}
