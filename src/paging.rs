//! Paging arithmetic for Cytomine list envelopes `{collection, offset, perPage, size, totalPages}`.
//! Both server code paths report `size` as the total number of items, which is what the page
//! plan relies on; a lying `size` can never make the client loop forever (bounded page count).

use alloc::vec::Vec;
/// Hard bound on pages `fetchAll` will request, whatever the server claims.
pub const MAX_PAGES: u64 = 1_000_000;

/// The offsets still to fetch after the first page, given the first page's envelope.
/// `page_size` is the `max` sent; `total` the envelope's `size`; `first_len` the first page length.
pub fn remaining_offsets(page_size: u64, total: u64, first_len: u64) -> Vec<u64> {
    if page_size == 0 || first_len == 0 || total <= first_len {
        return Vec::new();
    }
    let pages = total.div_ceil(page_size).min(MAX_PAGES);
    (1..pages).map(|p| p * page_size).collect()
}

/// `totalPages` as the server computes it: `ceil(size / max)`, 1 with no max and items, 0 when empty.
pub fn total_pages(size: u64, max: u64) -> u64 {
    if size == 0 {
        0
    } else if max == 0 {
        1
    } else {
        size.div_ceil(max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_pages_after_the_first() {
        assert_eq!(remaining_offsets(1000, 20_000, 1000).len(), 19);
        assert_eq!(remaining_offsets(1000, 20_000, 1000)[18], 19_000);
        assert_eq!(remaining_offsets(1000, 2500, 1000), vec![1000, 2000]);
        assert_eq!(remaining_offsets(1000, 1000, 1000), Vec::<u64>::new());
        assert_eq!(remaining_offsets(0, 5000, 5000), Vec::<u64>::new());
        assert_eq!(remaining_offsets(10, 5, 5), Vec::<u64>::new());
        // An empty first page stops even if size claims more (inconsistent server).
        assert_eq!(remaining_offsets(10, 50, 0), Vec::<u64>::new());
        // An absurd size is bounded.
        assert_eq!(
            remaining_offsets(1, u64::MAX, 1).len() as u64,
            MAX_PAGES - 1
        );
    }

    #[test]
    fn total_pages_matches_the_contract() {
        assert_eq!(total_pages(0, 10), 0);
        assert_eq!(total_pages(5, 0), 1);
        assert_eq!(total_pages(25, 10), 3);
        assert_eq!(total_pages(30, 10), 3);
    }
}
