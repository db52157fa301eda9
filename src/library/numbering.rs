//! CV numbering: chronological over the whole library, oldest = 1.
//!
//! Papers of one year keep the file's order with the earlier entry being the
//! newer paper, because CVs and `.bib` files list newest first. Numbers are
//! given before any filter, so a filter never renumbers a paper.

/// The CV number of each entry, given each entry's year in file order.
/// Entries without a year count as oldest. O(n log n).
pub fn numbers(years: &[Option<i32>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..years.len()).collect();
    // Keys are distinct (the index is part of them): an unstable sort gives
    // the same order without a stable sort's buffer.
    order.sort_unstable_by_key(|&i| (years[i].unwrap_or(i32::MIN), std::cmp::Reverse(i)));
    let mut numbers = vec![0; years.len()];
    for (rank, i) in order.into_iter().enumerate() {
        numbers[i] = rank + 1;
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn newest_is_highest_and_earlier_in_file_is_newer() {
        // File order, newest first, as CVs are written.
        let years = [Some(2024), Some(2024), None, Some(2022), Some(2023)];
        assert_eq!(numbers(&years), [5, 4, 1, 2, 3]);
    }
}
