//! CV numbering: chronological over the whole library, oldest = 1.
//!
//! Papers of one year keep the file's order with the earlier entry being the
//! newer paper, because CVs and `.bib` files list newest first. Numbers are
//! given before any filter, so a filter never renumbers a paper.

use crate::model::Publication;

/// Assigns `number` to every publication (given in file order). Entries
/// without a year count as oldest. O(n log n).
pub fn assign_numbers(publications: &mut [Publication]) {
    let mut order: Vec<usize> = (0..publications.len()).collect();
    order.sort_by_key(|&i| {
        (
            publications[i].year.unwrap_or(i32::MIN),
            std::cmp::Reverse(i),
        )
    });
    for (rank, i) in order.into_iter().enumerate() {
        publications[i].number = rank + 1;
    }
}
