//! The geometry of the site's small charts: horizontal bars (pillar scores
//! against a region, tier counts) and a trend line of the overall score.
//!
//! Charts are SVG drawn by the templates from what this module computes;
//! each has a title and a description that says every number in words, its
//! values are written beside the bars, and its colours (the stylesheet's)
//! keep 3:1 against the page. Pure: numbers in, positions out.

use super::views::{BarChart, ChartBar, ChartTick, ScaleLine, TrendChart, TrendPoint};

/// One bar to draw.
pub(super) struct Bar {
    /// The row's label.
    pub label: String,
    /// Its value (clamped to the scale).
    pub value: f64,
    /// The value as written.
    pub text: String,
    /// A marker's value (a region's average), if any.
    pub marker: Option<f64>,
}

/// What a bar chart says about itself.
pub(super) struct Legend {
    /// The id its title and description are named by.
    pub id: String,
    /// One line on what it shows.
    pub title: String,
    /// Every number in words.
    pub description: String,
    /// What the bars are, when there are markers to tell them from.
    pub bars: Option<String>,
    /// What the markers are.
    pub markers: Option<String>,
}

const WIDTH: u32 = 460;
const LABEL_WIDTH: u32 = 170;
const SCALE: f64 = 230.0;
const ROW: f64 = 28.0;
const BAR: u32 = 14;
const TOP: f64 = 6.0;

/// Horizontal bars on a scale from 0 to `max`, ticks at `ticks`, each
/// value written in a column after the scale.
pub(super) fn bar_chart(legend: Legend, bars: Vec<Bar>, max: f64, ticks: &[f64]) -> BarChart {
    let max = if max > 0.0 { max } else { 1.0 };
    let x = |v: f64| LABEL_WIDTH as f64 + (v.clamp(0.0, max) / max * SCALE);
    let rows: Vec<ChartBar> = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = TOP + i as f64 * ROW;
            let end = x(bar.value);
            let marker_x = bar.marker.map(x);
            ChartBar {
                label: bar.label,
                y: tidy(y),
                text_y: tidy(y + BAR as f64 - 2.0),
                width: tidy(end - LABEL_WIDTH as f64),
                value: bar.text,
                // In a column of their own after the scale, clear of the
                // bars and markers.
                value_x: tidy(LABEL_WIDTH as f64 + SCALE + 10.0),
                marker_x: marker_x.map(tidy),
                marker_top: tidy(y - 4.0),
                marker_bottom: tidy(y + BAR as f64 + 4.0),
            }
        })
        .collect();
    let grid_bottom = TOP + rows.len() as f64 * ROW - 6.0;
    let tick_y = grid_bottom + 16.0;
    BarChart {
        id: legend.id,
        title: legend.title,
        description: legend.description,
        width: WIDTH,
        height: (tick_y + 6.0).ceil() as u32,
        label_x: LABEL_WIDTH - 8,
        bar_x: LABEL_WIDTH,
        bar_height: BAR,
        rows,
        ticks: ticks
            .iter()
            .map(|&t| ChartTick {
                x: tidy(x(t)),
                label: crate::wording::decimal(t),
            })
            .collect(),
        grid_bottom: tidy(grid_bottom),
        tick_y: tidy(tick_y),
        bar_legend: legend.bars,
        marker_legend: legend.markers,
    }
}

const TREND_WIDTH: u32 = 260;
const TREND_HEIGHT: u32 = 104;
const TREND_LEFT: f64 = 36.0;
const TREND_RIGHT: f64 = 250.0;
/// How far the first and last points stand in from the scale's ends, so
/// their labels clear the scale's.
const TREND_INSET: f64 = 28.0;
const TREND_TOP: f64 = 20.0;
const TREND_BOTTOM: f64 = 80.0;

/// A line through `(year, value, text)` on a scale from 0 to `max`, years
/// spaced by their distance. `None` with fewer than two points.
pub(super) fn trend_chart(
    id: String,
    title: String,
    description: String,
    points: &[(u16, f64, String)],
    max: f64,
) -> Option<TrendChart> {
    let (first, last) = (points.first()?.0, points.last()?.0);
    if points.len() < 2 || last <= first {
        return None;
    }
    let max = if max > 0.0 { max } else { 1.0 };
    let span = f64::from(last - first);
    let y = |v: f64| TREND_BOTTOM - v.clamp(0.0, max) / max * (TREND_BOTTOM - TREND_TOP);
    let points: Vec<TrendPoint> = points
        .iter()
        .map(|(year, value, text)| {
            let py = y(*value);
            TrendPoint {
                year: *year,
                value: text.clone(),
                x: tidy(
                    TREND_LEFT
                        + TREND_INSET
                        + f64::from(year - first) / span
                            * (TREND_RIGHT - TREND_LEFT - 2.0 * TREND_INSET),
                ),
                y: tidy(py),
                // Above the point, unless that would leave the chart.
                label_y: tidy(if py - 8.0 < 12.0 { py + 18.0 } else { py - 8.0 }),
            }
        })
        .collect();
    let line = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    Some(TrendChart {
        id,
        title,
        description,
        width: TREND_WIDTH,
        height: TREND_HEIGHT,
        line,
        points,
        scale: [
            (TREND_TOP, crate::wording::decimal(max)),
            (TREND_BOTTOM, "0".to_owned()),
        ]
        .into_iter()
        .map(|(y, label)| ScaleLine {
            y: tidy(y),
            text_y: tidy(y + 4.0),
            label,
        })
        .collect(),
        left: TREND_LEFT,
        right: TREND_RIGHT,
        scale_x: TREND_LEFT - 6.0,
        year_y: TREND_BOTTOM + 18.0,
    })
}

/// A coordinate with at most two decimals, so the SVG stays small and
/// reads the same on every machine.
fn tidy(v: f64) -> f64 {
    crate::wording::round(v, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend() -> Legend {
        Legend {
            id: "c".into(),
            title: "t".into(),
            description: "d".into(),
            bars: None,
            markers: None,
        }
    }

    #[test]
    fn bars_are_proportional_and_values_clear_the_scale() {
        let chart = bar_chart(
            legend(),
            vec![
                Bar {
                    label: "Legal".into(),
                    value: 20.0,
                    text: "20.00".into(),
                    marker: Some(10.0),
                },
                Bar {
                    label: "Technical".into(),
                    value: 5.0,
                    text: "5.00".into(),
                    marker: Some(15.0),
                },
            ],
            20.0,
            &[0.0, 10.0, 20.0],
        );
        assert_eq!(chart.rows[0].width, SCALE);
        assert_eq!(chart.rows[1].width, SCALE / 4.0);
        assert_eq!(
            chart.rows[0].marker_x,
            Some(LABEL_WIDTH as f64 + SCALE / 2.0)
        );
        // Values are written after the scale's end, whatever the bar.
        assert_eq!(chart.rows[0].value_x, chart.rows[1].value_x);
        assert!(chart.rows[1].value_x > chart.ticks[2].x);
        assert_eq!(chart.ticks[2].label, "20");
        assert!(chart.rows[1].y > chart.rows[0].y);
        assert!(chart.tick_y > chart.rows[1].y + f64::from(chart.bar_height));
        assert!(f64::from(chart.height) > chart.tick_y);
    }

    #[test]
    fn a_trend_needs_two_editions_and_keeps_labels_inside() {
        assert!(
            trend_chart(
                "t".into(),
                "".into(),
                "".into(),
                &[(2024, 50.0, "50".into())],
                100.0
            )
            .is_none()
        );
        let chart = trend_chart(
            "t".into(),
            "".into(),
            "".into(),
            &[(2020, 100.0, "100.00".into()), (2024, 0.0, "0.00".into())],
            100.0,
        )
        .unwrap();
        assert_eq!(chart.points[0].x, TREND_LEFT + TREND_INSET);
        assert_eq!(chart.points[1].x, TREND_RIGHT - TREND_INSET);
        assert_eq!(chart.points[0].y, TREND_TOP);
        assert!(chart.points[0].label_y > 0.0 && chart.points[1].label_y < f64::from(chart.height));
        assert_eq!(
            chart.line,
            format!(
                "{},{TREND_TOP} {},{TREND_BOTTOM}",
                TREND_LEFT + TREND_INSET,
                TREND_RIGHT - TREND_INSET
            )
        );
    }
}
