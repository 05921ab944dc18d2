//! Inline SVG charts, drawn at build time so that results pages need no JavaScript and no
//! request: stacked horizontal bars (a scale, or a choice broken down by group), plain
//! horizontal bars (choices), and sparklines (KPIs over time).
//!
//! Every chart is an `<svg role="img">` with a `<title>` and a `<desc>`; the page always shows
//! the same figures in a table, which is the full text alternative. All text is escaped here,
//! so the returned markup is safe to print as is. A hidden figure is never drawn as a bar of its
//! own: the hidden part of a row is one grey "not shown" segment, whose size a reader can
//! already work out from the row's published total and cells.

use std::fmt::Write as _;

use crate::escape::markup as escape_html;

/// Width of the whole chart, and where bars start and end, in SVG units.
const WIDTH: f64 = 640.0;
const BAR_LEFT: f64 = 236.0;
const BAR_WIDTH: f64 = 360.0;
const ROW_HEIGHT: f64 = 28.0;
const BAR_HEIGHT: f64 = 18.0;

/// Fill for the hidden part of a row.
const HIDDEN_FILL: &str = "#ececec";

/// One bar of a stacked chart: a row label, its total (if published) and one value per
/// category (`None` when hidden).
pub struct StackedRow<'a> {
    pub label: &'a str,
    pub total: Option<u64>,
    pub values: Vec<Option<u64>>,
}

/// One bar of a plain bar chart: `value` out of `of` (`None` when hidden).
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: Option<u64>,
    pub of: u64,
}

/// Colours for `count` ordered categories (a scale): red through grey to blue, which stays
/// distinguishable for the common colour-vision deficiencies; text on each is readable.
pub fn scale_colours(count: usize) -> Vec<&'static str> {
    const FIVE: [&str; 5] = ["#b2182b", "#ef8a62", "#d4d4d4", "#67a9cf", "#2166ac"];
    const SEVEN: [&str; 7] = [
        "#b2182b", "#d6604d", "#f4a582", "#d4d4d4", "#92c5de", "#4393c3", "#2166ac",
    ];
    const ELEVEN: [&str; 11] = [
        "#b2182b", "#c43c3c", "#d6604d", "#e58368", "#f4a582", "#d4d4d4", "#b4d4e7", "#92c5de",
        "#6aadd5", "#4393c3", "#2166ac",
    ];
    match count {
        5 => FIVE.to_vec(),
        7 => SEVEN.to_vec(),
        11 => ELEVEN.to_vec(),
        _ => choice_colours(count),
    }
}

/// Colours for unordered categories (Okabe–Ito), repeated when there are more than eight.
pub fn choice_colours(count: usize) -> Vec<&'static str> {
    const PALETTE: [&str; 8] = [
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#555555",
    ];
    (0..count).map(|i| PALETTE[i % PALETTE.len()]).collect()
}

/// Whether text on `fill` should be white (dark fills) rather than black.
fn light_text_on(fill: &str) -> bool {
    [
        "#b2182b", "#2166ac", "#0072b2", "#d55e00", "#555555", "#c43c3c", "#4393c3",
    ]
    .contains(&fill)
}

/// Starts an SVG of `height` with its accessible name and description.
fn open(out: &mut String, id: &str, height: f64, title: &str, description: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_html(title),
        escape_html(description)
    );
}

/// A row label at the left of a bar, cut to fit (the table gives it in full).
fn row_label(out: &mut String, y: f64, label: &str) {
    let shown: String = if label.chars().count() > 34 {
        label.chars().take(33).collect::<String>() + "…"
    } else {
        label.to_owned()
    };
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
        BAR_LEFT - 8.0,
        y + BAR_HEIGHT / 2.0 + 4.0,
        escape_html(&shown)
    );
}

fn rect(out: &mut String, x: f64, y: f64, width: f64, fill: &str, value: Option<u64>, label: &str) {
    let data = value.map_or_else(
        || " data-hidden=\"true\"".to_owned(),
        |v| format!(" data-value=\"{v}\""),
    );
    let _ = write!(
        out,
        "<rect x=\"{x:.2}\" y=\"{y:.1}\" width=\"{width:.2}\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\"{data}><title>{}</title></rect>",
        escape_html(label)
    );
}

/// Stacked horizontal bars, one per row, each segment as wide as its share of the row's total.
/// `categories` name the segments, `colours` fill them.
pub fn stacked_bars(
    id: &str,
    title: &str,
    description: &str,
    categories: &[&str],
    colours: &[&str],
    rows: &[StackedRow<'_>],
) -> String {
    let height = rows.len() as f64 * ROW_HEIGHT + 8.0;
    let mut out = String::with_capacity(256 + rows.len() * 512);
    open(&mut out, id, height, title, description);
    for (index, row) in rows.iter().enumerate() {
        let y = 4.0 + index as f64 * ROW_HEIGHT;
        row_label(&mut out, y, row.label);
        let Some(total) = row.total.filter(|&t| t > 0) else {
            let _ = write!(
                out,
                "<text x=\"{BAR_LEFT}\" y=\"{:.1}\" font-size=\"12\" font-style=\"italic\">not shown</text>",
                y + BAR_HEIGHT / 2.0 + 4.0
            );
            continue;
        };
        let mut x = BAR_LEFT;
        let mut shown = 0;
        for ((value, category), fill) in row.values.iter().zip(categories).zip(colours) {
            let Some(value) = *value else { continue };
            if value == 0 {
                continue;
            }
            shown += value;
            let width = BAR_WIDTH * value as f64 / total as f64;
            let share = crate::report::disclosure::percent(value, total).unwrap_or(0);
            rect(
                &mut out,
                x,
                y,
                width,
                fill,
                Some(value),
                &format!("{category}: {value} ({share}%)"),
            );
            if width >= 30.0 {
                let colour = if light_text_on(fill) {
                    "#ffffff"
                } else {
                    "#111111"
                };
                let _ = write!(
                    out,
                    "<text x=\"{:.2}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{colour}\" aria-hidden=\"true\">{share}%</text>",
                    x + width / 2.0,
                    y + BAR_HEIGHT / 2.0 + 4.0
                );
            }
            x += width;
        }
        let rest = total.saturating_sub(shown);
        if row.values.iter().any(Option::is_none) && rest > 0 {
            let width = BAR_WIDTH * rest as f64 / total as f64;
            rect(
                &mut out,
                x,
                y,
                width,
                HIDDEN_FILL,
                None,
                "not shown, to protect small groups",
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars, one per item, each as wide as its value's share of `of`.
pub fn bars(id: &str, title: &str, description: &str, items: &[Bar<'_>]) -> String {
    let height = items.len() as f64 * ROW_HEIGHT + 8.0;
    let mut out = String::with_capacity(256 + items.len() * 384);
    open(&mut out, id, height, title, description);
    for (index, item) in items.iter().enumerate() {
        let y = 4.0 + index as f64 * ROW_HEIGHT;
        row_label(&mut out, y, item.label);
        let text_y = y + BAR_HEIGHT / 2.0 + 4.0;
        match item.value.filter(|_| item.of > 0) {
            Some(value) => {
                let width = BAR_WIDTH * value as f64 / item.of as f64;
                let share = crate::report::disclosure::percent(value, item.of).unwrap_or(0);
                rect(
                    &mut out,
                    BAR_LEFT,
                    y,
                    width,
                    "#2166ac",
                    Some(value),
                    &format!("{}: {value} ({share}%)", item.label),
                );
                let _ = write!(
                    out,
                    "<text x=\"{:.2}\" y=\"{text_y:.1}\" font-size=\"11\" aria-hidden=\"true\">{share}%</text>",
                    BAR_LEFT + width + 4.0
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{BAR_LEFT}\" y=\"{text_y:.1}\" font-size=\"12\" font-style=\"italic\">not shown</text>"
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// A small line of `values` over time, with the target as a dashed line and the latest value
/// marked: enough to see the direction at a glance beside a table of the figures.
pub fn sparkline(title: &str, values: &[f64], target: Option<f64>) -> String {
    const W: f64 = 120.0;
    const H: f64 = 32.0;
    const PAD: f64 = 4.0;
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" role=\"img\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\"><title>{}</title>",
        escape_html(title)
    );
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() {
        out.push_str("</svg>");
        return out;
    }
    let all = finite
        .iter()
        .copied()
        .chain(target.filter(|t| t.is_finite()));
    let (low, high) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let span = if high > low { high - low } else { 1.0 };
    let x_of = |i: usize| {
        if finite.len() == 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (finite.len() - 1) as f64
        }
    };
    let y_of = |v: f64| H - PAD - (H - 2.0 * PAD) * (v - low) / span;
    if let Some(target) = target.filter(|t| t.is_finite()) {
        let _ = write!(
            out,
            "<line x1=\"{PAD}\" x2=\"{:.1}\" y1=\"{y:.2}\" y2=\"{y:.2}\" stroke=\"#767676\" stroke-dasharray=\"3 2\" stroke-width=\"1\"/>",
            W - PAD,
            y = y_of(target)
        );
    }
    let points: Vec<String> = finite
        .iter()
        .enumerate()
        .map(|(i, &v)| format!("{:.2},{:.2}", x_of(i), y_of(v)))
        .collect();
    let _ = write!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#2166ac\" stroke-width=\"2\"/>",
        points.join(" ")
    );
    let last = finite.len() - 1;
    let _ = write!(
        out,
        "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"3\" fill=\"#2166ac\"/></svg>",
        x_of(last),
        y_of(finite[last])
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rects(svg: &str) -> Vec<(f64, Option<u64>)> {
        let document = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
        document
            .descendants()
            .filter(|node| node.has_tag_name("rect"))
            .map(|node| {
                (
                    node.attribute("width").unwrap().parse().unwrap(),
                    node.attribute("data-value").map(|v| v.parse().unwrap()),
                )
            })
            .collect()
    }

    #[test]
    fn stacked_segments_are_proportional_to_their_counts() {
        let svg = stacked_bars(
            "c",
            "Courtesy",
            "By group",
            &["Disagree", "Neutral", "Agree"],
            &scale_colours(3),
            &[StackedRow {
                label: "All <respondents>",
                total: Some(80),
                values: vec![Some(10), Some(30), Some(40)],
            }],
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 3);
        for (width, value) in &widths {
            let expected = BAR_WIDTH * value.unwrap() as f64 / 80.0;
            assert!((width - expected).abs() < 0.01, "{width} vs {expected}");
        }
        let sum: f64 = widths.iter().map(|(w, _)| w).sum();
        assert!((sum - BAR_WIDTH).abs() < 0.05);
        assert!(
            svg.contains("All &lt;respondents&gt;"),
            "labels are escaped"
        );
        assert!(svg.contains("<title id=\"c-title\">Courtesy</title>"));
    }

    #[test]
    fn hidden_cells_are_one_grey_remainder_never_their_own_bar() {
        let svg = stacked_bars(
            "c",
            "t",
            "d",
            &["a", "b", "c"],
            &scale_colours(3),
            &[StackedRow {
                label: "G",
                total: Some(50),
                values: vec![None, None, Some(40)],
            }],
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 2);
        assert_eq!(widths[0].1, Some(40));
        assert_eq!(widths[1].1, None);
        assert!((widths[1].0 - BAR_WIDTH * 10.0 / 50.0).abs() < 0.01);
    }

    #[test]
    fn bars_are_proportional_and_hidden_ones_are_not_drawn() {
        let svg = bars(
            "b",
            "Channels",
            "d",
            &[
                Bar {
                    label: "Email",
                    value: Some(90),
                    of: 120,
                },
                Bar {
                    label: "Meeting",
                    value: Some(30),
                    of: 120,
                },
                Bar {
                    label: "Support",
                    value: None,
                    of: 120,
                },
            ],
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 2);
        assert!((widths[0].0 / widths[1].0 - 3.0).abs() < 1e-6);
        assert!((widths[0].0 - BAR_WIDTH * 0.75).abs() < 0.01);
        assert!(svg.contains("not shown"));
    }

    #[test]
    fn a_sparkline_rises_with_its_values() {
        let svg = sparkline("Trend", &[10.0, 20.0, 30.0], Some(25.0));
        let document = roxmltree::Document::parse(&svg).unwrap();
        let line = document
            .descendants()
            .find(|n| n.has_tag_name("polyline"))
            .unwrap();
        let ys: Vec<f64> = line
            .attribute("points")
            .unwrap()
            .split(' ')
            .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
            .collect();
        assert!(
            ys[0] > ys[1] && ys[1] > ys[2],
            "higher values are drawn higher: {ys:?}"
        );
        assert!(document.descendants().any(|n| n.has_tag_name("line")));
    }
}
