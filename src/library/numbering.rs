//! CV numbering: chronological over the whole library, oldest = 1.
//!
//! Papers of one year keep the file's order with the earlier entry being the
//! newer paper, because CVs and `.bib` files list newest first. Numbers are
//! given before any filter, so a filter never renumbers a paper.

/// The CV number of each entry, given each entry's year in file order.
/// Entries without a year count as oldest. O(n log n).
pub fn numbers(years: &[Option<i32>]) -> Vec<usize> {
    // One integer per entry, ordered as the CV counts: year (none lowest),
    // then later in the file first. Sorting plain integers beats a
    // comparator that looks the years up.
    let mut keys: Vec<u128> = years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let year = i64::from(year.unwrap_or(i32::MIN)) - i64::from(i32::MIN);
            let later_first = u64::MAX - i as u64;
            u128::from(year as u64) << 64 | u128::from(later_first)
        })
        .collect();
    keys.sort_unstable();
    let mut numbers = vec![0; years.len()];
    for (rank, key) in keys.into_iter().enumerate() {
        let i = (u64::MAX - key as u64) as usize;
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

    #[test]
    fn extreme_years_keep_their_order() {
        let years = [
            Some(i32::MAX),
            None,
            Some(i32::MIN),
            Some(-5),
            Some(0),
            None,
        ];
        // None counts as i32::MIN; ties go to the later entry being older.
        assert_eq!(numbers(&years), [6, 3, 2, 4, 5, 1]);
    }

    proptest::proptest! {
        /// The packed-integer sort numbers as sorting (year, later first) does.
        #[test]
        fn packed_keys_number_as_the_plain_sort(
            years in proptest::collection::vec(
                proptest::option::of(proptest::prop_oneof![-3i32..3, proptest::prelude::any::<i32>()]),
                0..60,
            )
        ) {
            let mut order: Vec<usize> = (0..years.len()).collect();
            order.sort_by_key(|&i| (years[i].unwrap_or(i32::MIN), std::cmp::Reverse(i)));
            let mut expected = vec![0; years.len()];
            for (rank, i) in order.into_iter().enumerate() {
                expected[i] = rank + 1;
            }
            proptest::prop_assert_eq!(numbers(&years), expected);
        }
    }
}
