//! A grid of equal square cells with gaps (the digit galleries): its natural size, where each
//! cell is drawn, and which cell a pointer is over.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellGrid {
    pub cols: usize,
    pub rows: usize,
    /// Cell side and gap between cells, in CSS pixels.
    pub cell: f64,
    pub gap: f64,
}

impl CellGrid {
    /// The natural size in CSS pixels: no gap after the last row or column.
    pub fn css_size(&self) -> (f64, f64) {
        let side = |n: usize| n as f64 * self.cell + n.saturating_sub(1) as f64 * self.gap;
        (side(self.cols), side(self.rows))
    }

    /// Cell `i` (row-major) as (x, y, width, height) on a canvas of `px` pixels, edges rounded
    /// so that neighbours never overlap.
    pub fn cell_rect(&self, i: usize, px: (f64, f64)) -> (f64, f64, f64, f64) {
        let (w, h) = self.css_size();
        let (sx, sy) = (px.0 / w, px.1 / h);
        let (row, col) = ((i / self.cols) as f64, (i % self.cols) as f64);
        let pitch = self.cell + self.gap;
        let (x0, y0) = ((col * pitch * sx).round(), (row * pitch * sy).round());
        let (x1, y1) = (
            ((col * pitch + self.cell) * sx).round(),
            ((row * pitch + self.cell) * sy).round(),
        );
        (x0, y0, x1 - x0, y1 - y0)
    }

    /// The cell under a point in CSS pixels of a grid shown at `shown` size; none in a gap or
    /// outside.
    pub fn cell_at(&self, (x, y): (f64, f64), shown: (f64, f64)) -> Option<usize> {
        let (w, h) = self.css_size();
        let (x, y) = (x * w / shown.0, y * h / shown.1);
        let pitch = self.cell + self.gap;
        let (col, row) = ((x / pitch).floor(), (y / pitch).floor());
        let inside = x - col * pitch <= self.cell && y - row * pitch <= self.cell;
        let in_grid =
            (0.0..self.cols as f64).contains(&col) && (0.0..self.rows as f64).contains(&row);
        (inside && in_grid).then(|| row as usize * self.cols + col as usize)
    }

    /// The cell an arrow key moves to from cell `from`, among the first `count`: left and right
    /// step one cell (wrapping to the row before or after), up and down one row. `None` for
    /// another key or a step off the grid.
    pub fn arrow_step(&self, key: &str, from: usize, count: usize) -> Option<usize> {
        let step: isize = match key {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "ArrowUp" => -(self.cols as isize),
            "ArrowDown" => self.cols as isize,
            _ => return None,
        };
        let to = from as isize + step;
        (0..count as isize).contains(&to).then_some(to as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 3 × 2 cells of 28 px with 4 px gaps: 92 × 60.
    const GRID: CellGrid = CellGrid {
        cols: 3,
        rows: 2,
        cell: 28.0,
        gap: 4.0,
    };

    #[test]
    fn the_natural_size_has_gaps_only_between_cells() {
        assert_eq!(GRID.css_size(), (92.0, 60.0));
        let one = CellGrid {
            cols: 1,
            rows: 1,
            ..GRID
        };
        assert_eq!(one.css_size(), (28.0, 28.0));
    }

    #[test]
    fn a_point_finds_its_cell_row_major() {
        assert_eq!(GRID.cell_at((0.0, 0.0), (92.0, 60.0)), Some(0));
        assert_eq!(GRID.cell_at((33.0, 1.0), (92.0, 60.0)), Some(1));
        assert_eq!(GRID.cell_at((91.0, 59.0), (92.0, 60.0)), Some(5));
    }

    #[test]
    fn gaps_and_outside_points_find_no_cell() {
        // x = 30 is in the gap between columns 0 and 1.
        assert_eq!(GRID.cell_at((30.0, 10.0), (92.0, 60.0)), None);
        assert_eq!(GRID.cell_at((-1.0, 10.0), (92.0, 60.0)), None);
        assert_eq!(GRID.cell_at((10.0, 61.0), (92.0, 60.0)), None);
    }

    #[test]
    fn a_grid_shown_smaller_maps_the_pointer_back() {
        // Shown at half size: (17, 1) is (34, 2) naturally, in cell 1.
        assert_eq!(GRID.cell_at((17.0, 1.0), (46.0, 30.0)), Some(1));
    }

    #[test]
    fn cells_at_twice_the_density_are_rounded_without_overlap() {
        // A 184 × 120 backing store: cell 4 (row 1, col 1) starts at 2 × 32 = 64 on both axes.
        assert_eq!(GRID.cell_rect(4, (184.0, 120.0)), (64.0, 64.0, 56.0, 56.0));
        let (x0, _, w0, _) = GRID.cell_rect(0, (100.0, 60.0));
        let (x1, _, _, _) = GRID.cell_rect(1, (100.0, 60.0));
        assert!(x0 + w0 <= x1);
    }

    #[test]
    fn arrow_keys_step_through_the_cells_and_stop_at_the_edges() {
        assert_eq!(GRID.arrow_step("ArrowRight", 2, 6), Some(3));
        assert_eq!(GRID.arrow_step("ArrowLeft", 3, 6), Some(2));
        assert_eq!(GRID.arrow_step("ArrowDown", 1, 6), Some(4));
        assert_eq!(GRID.arrow_step("ArrowUp", 4, 6), Some(1));
        assert_eq!(GRID.arrow_step("ArrowUp", 1, 6), None);
        assert_eq!(GRID.arrow_step("ArrowLeft", 0, 6), None);
        // Only the cells that hold an image count.
        assert_eq!(GRID.arrow_step("ArrowDown", 1, 4), None);
        assert_eq!(GRID.arrow_step("Enter", 1, 6), None);
    }
}
