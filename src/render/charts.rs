//! Charts, drawn at build time so that results pages need no JavaScript and no request:
//! stacked horizontal bars (a scale, or a choice broken down by group), plain horizontal bars
//! (choices), and sparklines (KPIs over time).
//!
//! A bar chart is HTML, not one scaled picture: each row's label is text of the page, which
//! wraps instead of being cut and sits above its bar on a phone (the stylesheet decides), and
//! each bar is a small SVG measured in CSS pixels (no `viewBox`), so that the percentages
//! drawn on it are the size the stylesheet says at every width. A stacked chart carries its
//! own legend. Every chart is `role="img"` with a name and a description; the page always
//! shows the same figures in a table, which is the full text alternative. All text is escaped
//! here, so the returned markup is safe to print as is. A hidden figure is never drawn as a bar
//! of its own: the hidden part of a row is one grey "not shown" segment, whose size a reader
//! can already work out from the row's published total and cells.

use std::fmt::Write as _;

use crate::escape::markup as escape_html;
use crate::survey::results::percent;

/// Height of a bar, in CSS pixels.
const BAR_HEIGHT: u32 = 24;
/// Size of the percentages drawn on bars, in CSS pixels: never below 12 at any width, since
/// the bar's SVG is not scaled.
const FONT_SIZE: u32 = 13;
/// Baseline of that text within a bar.
const TEXT_BASELINE: u32 = 17;
/// The smallest share of a row that gets its percentage written on its segment: 10 % of the
/// narrowest bar (about 350 px on a 390 px phone) still holds "100%" at 13 px.
const MIN_LABELLED_SHARE: u64 = 10;

/// Fill for the hidden part of a row.
const HIDDEN_FILL: &str = "#ececec";
/// What a chart calls what it does not show, in the page's language.
pub struct HiddenWords<'a> {
    /// A row whose figures are all hidden: "not shown".
    pub not_shown: &'a str,
    /// The hidden part of a row, in its tooltip and the legend: "not shown, to protect small
    /// groups".
    pub hidden_part: &'a str,
}

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

/// Starts a chart of `kind` with its accessible name and description, which only assistive
/// technology reads: sighted readers have the heading above and the table below.
fn open(out: &mut String, id: &str, kind: &str, title: &str, description: &str) {
    let _ = write!(
        out,
        "<div class=\"chart {kind}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <span class=\"visually-hidden\" id=\"{id}-title\">{}</span>\
         <span class=\"visually-hidden\" id=\"{id}-desc\">{}</span>",
        escape_html(title),
        escape_html(description)
    );
}

/// A square of `fill`, as in a legend.
fn swatch(out: &mut String, fill: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart-swatch\" xmlns=\"http://www.w3.org/2000/svg\" width=\"14\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">\
         <rect width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#767676\"/></svg>"
    );
}

/// The legend of a stacked chart: every category with its colour, and the hidden part's grey
/// when some row has one.
fn legend(out: &mut String, categories: &[&str], colours: &[&str], hidden: Option<&HiddenWords>) {
    out.push_str("<ul class=\"chart-legend\">");
    for (category, fill) in categories.iter().zip(colours) {
        out.push_str("<li>");
        swatch(out, fill);
        let _ = write!(out, "{}</li>", escape_html(category));
    }
    if let Some(hidden) = hidden {
        out.push_str("<li>");
        swatch(out, HIDDEN_FILL);
        let _ = write!(out, "{}</li>", escape_html(hidden.hidden_part));
    }
    out.push_str("</ul>");
}

/// Starts a row: its label in full, as text that wraps.
fn open_row(out: &mut String, label: &str) {
    let _ = write!(
        out,
        "<div class=\"chart-row\"><span class=\"chart-label\">{}</span>",
        escape_html(label)
    );
}

/// Starts the SVG of one bar, as wide as its cell and `BAR_HEIGHT` CSS pixels high.
fn open_bar(out: &mut String) {
    let _ = write!(
        out,
        "<svg class=\"chart-bar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"{BAR_HEIGHT}\" aria-hidden=\"true\" focusable=\"false\">"
    );
}

/// A segment from `x` to `x + width`, both in percent of the bar.
fn rect(out: &mut String, x: f64, width: f64, fill: &str, value: Option<u64>, label: &str) {
    let data = value.map_or_else(
        || " data-hidden=\"true\"".to_owned(),
        |v| format!(" data-value=\"{v}\""),
    );
    let _ = write!(
        out,
        "<rect x=\"{x:.2}%\" y=\"0\" width=\"{width:.2}%\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\"{data}><title>{}</title></rect>",
        escape_html(label)
    );
}

/// A row whose figures are hidden altogether.
fn not_shown(out: &mut String, hidden: &HiddenWords) {
    let _ = write!(
        out,
        "<span class=\"chart-note\">{}</span>",
        escape_html(hidden.not_shown)
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
    hidden: &HiddenWords,
) -> String {
    let mut out = String::with_capacity(512 + categories.len() * 256 + rows.len() * 512);
    open(&mut out, id, "chart-stacked", title, description);
    let with_hidden = rows
        .iter()
        .any(|row| row.values.iter().any(Option::is_none));
    legend(&mut out, categories, colours, with_hidden.then_some(hidden));
    for row in rows {
        open_row(&mut out, row.label);
        let Some(total) = row.total.filter(|&t| t > 0) else {
            not_shown(&mut out, hidden);
            out.push_str("</div>");
            continue;
        };
        open_bar(&mut out);
        let mut x = 0.0;
        let mut shown = 0;
        for ((value, category), fill) in row.values.iter().zip(categories).zip(colours) {
            let Some(value) = *value else { continue };
            if value == 0 {
                continue;
            }
            shown += value;
            let width = 100.0 * value as f64 / total as f64;
            let share = percent(value, total).unwrap_or(0);
            rect(
                &mut out,
                x,
                width,
                fill,
                Some(value),
                &format!("{category}: {value} ({share}%)"),
            );
            if share >= MIN_LABELLED_SHARE {
                let colour = if light_text_on(fill) {
                    "#ffffff"
                } else {
                    "#111111"
                };
                let _ = write!(
                    out,
                    "<text x=\"{:.2}%\" y=\"{TEXT_BASELINE}\" text-anchor=\"middle\" font-size=\"{FONT_SIZE}\" fill=\"{colour}\">{share}%</text>",
                    x + width / 2.0,
                );
            }
            x += width;
        }
        let rest = total.saturating_sub(shown);
        if row.values.iter().any(Option::is_none) && rest > 0 {
            let width = 100.0 * rest as f64 / total as f64;
            rect(&mut out, x, width, HIDDEN_FILL, None, hidden.hidden_part);
        }
        out.push_str("</svg></div>");
    }
    out.push_str("</div>");
    out
}

/// Horizontal bars, one per item, each as wide as its value's share of `of`, with that share
/// written beside it.
pub fn bars(
    id: &str,
    title: &str,
    description: &str,
    items: &[Bar<'_>],
    hidden: &HiddenWords,
) -> String {
    let mut out = String::with_capacity(512 + items.len() * 512);
    open(&mut out, id, "chart-bars", title, description);
    for item in items {
        open_row(&mut out, item.label);
        match item.value.filter(|_| item.of > 0) {
            Some(value) => {
                let width = 100.0 * value as f64 / item.of as f64;
                let share = percent(value, item.of).unwrap_or(0);
                open_bar(&mut out);
                rect(
                    &mut out,
                    0.0,
                    width,
                    "#2166ac",
                    Some(value),
                    &format!("{}: {value} ({share}%)", item.label),
                );
                let _ = write!(out, "</svg><span class=\"chart-value\">{share}%</span>");
            }
            None => not_shown(&mut out, hidden),
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
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

    const HIDDEN: HiddenWords<'static> = HiddenWords {
        not_shown: "not shown",
        hidden_part: "not shown, to protect small groups",
    };

    fn rects(svg: &str) -> Vec<(f64, Option<u64>)> {
        let document = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
        document
            .descendants()
            .filter(|node| {
                node.has_tag_name("rect")
                    && node
                        .parent()
                        .is_some_and(|p| p.attribute("class") == Some("chart-bar"))
            })
            .map(|node| {
                (
                    node.attribute("width")
                        .unwrap()
                        .trim_end_matches('%')
                        .parse()
                        .unwrap(),
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
            &HIDDEN,
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 3);
        for (width, value) in &widths {
            let expected = 100.0 * value.unwrap() as f64 / 80.0;
            assert!((width - expected).abs() < 0.01, "{width} vs {expected}");
        }
        let sum: f64 = widths.iter().map(|(w, _)| w).sum();
        assert!((sum - 100.0).abs() < 0.05);
        assert!(
            svg.contains("All &lt;respondents&gt;"),
            "labels are escaped"
        );
        assert!(svg.contains("<span class=\"visually-hidden\" id=\"c-title\">Courtesy</span>"));
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
            &HIDDEN,
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 2);
        assert_eq!(widths[0].1, Some(40));
        assert_eq!(widths[1].1, None);
        assert!((widths[1].0 - 100.0 * 10.0 / 50.0).abs() < 0.01);
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
            &HIDDEN,
        );
        let widths = rects(&svg);
        assert_eq!(widths.len(), 2);
        assert!((widths[0].0 / widths[1].0 - 3.0).abs() < 1e-6);
        assert!((widths[0].0 - 100.0 * 0.75).abs() < 0.01);
        assert!(svg.contains("not shown"));
    }

    #[test]
    fn labels_are_never_cut_and_stacked_charts_carry_their_legend() {
        let label = "Civil society and non-commercial users of the Internet";
        let svg = stacked_bars(
            "c",
            "t",
            "d",
            &["Disagree", "Agree"],
            &scale_colours(2),
            &[StackedRow {
                label,
                total: Some(50),
                values: vec![None, Some(40)],
            }],
            &HIDDEN,
        );
        let document = roxmltree::Document::parse(&svg).unwrap();
        let texts_of = |class: &str| -> Vec<String> {
            document
                .descendants()
                .filter(|n| n.attribute("class") == Some(class))
                .map(|n| {
                    n.descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect()
        };
        assert_eq!(texts_of("chart-label"), [label]);
        assert_eq!(
            texts_of("chart-legend"),
            ["DisagreeAgreenot shown, to protect small groups"]
        );
        let sizes: Vec<u32> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.attribute("font-size").unwrap().parse().unwrap())
            .collect();
        assert_eq!(sizes, [FONT_SIZE]);
        const { assert!(FONT_SIZE >= 12) };
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
