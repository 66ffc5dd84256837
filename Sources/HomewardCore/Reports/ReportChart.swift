import Foundation

/// A bar chart as SVG primitives (rectangles, lines, text), laid out here and drawn by the
/// coordinator page's template: the geometry is arithmetic, the markup stays in the template.
///
/// Charts are for print as much as for screens: series differ by grey level and each bar
/// carries its number, so a greyscale copy reads the same as the screen.
struct ReportChart {
    struct Rect { let x, y, width, height: Int; let fill: String; let title: String }
    struct Line { let x1, y1, x2, y2: Int }
    struct Label { let x, y: Int; let anchor: String; let text: String; let bold: Bool }
    struct LegendEntry { let x, y: Int; let fill: String; let textX: Int; let text: String }

    let width: Int
    let height: Int
    let caption: String
    let rects: [Rect]
    let lines: [Line]
    let labels: [Label]
    let legend: [LegendEntry]

    /// The grey levels of up to six series, dark to light, each far enough from the next to
    /// tell apart in print.
    static let shades = ["#1a1a1a", "#5a5a5a", "#8c8c8c", "#b4b4b4", "#d6d6d6", "#ececec"]
    /// The drawing's width in SVG units; the page scales it to the column (about 178 mm).
    static let canvasWidth = 660

    /// Horizontal bars, one per category, each stacked from its series' values, the total at
    /// its end. `series` names the stacks for the legend.
    static func stacked(caption: String, categories: [(label: String, values: [Int])], series: [String]) -> ReportChart {
        let legend = series.count > 1 ? Self.legend(series) : []
        let labelWidth = 190, row = 18, barHeight = 12, top = legend.map { $0.y + 20 }.max() ?? 6
        let plotWidth = canvasWidth - labelWidth - 50
        let maximum = max(1, categories.map { $0.values.reduce(0, +) }.max() ?? 1)
        var rects: [Rect] = [], labels: [Label] = []
        for (index, category) in categories.enumerated() {
            let y = top + index * row
            var x = labelWidth
            labels.append(Label(x: labelWidth - 6, y: y + barHeight - 2, anchor: "end", text: clipped(category.label, 30), bold: false))
            for (serie, value) in category.values.enumerated() where value > 0 {
                let width = max(1, value * plotWidth / maximum)
                rects.append(Rect(x: x, y: y, width: width, height: barHeight, fill: shades[serie % shades.count],
                                  title: "\(category.label): \(series[serie % series.count]) \(value)"))
                x += width
            }
            labels.append(Label(x: x + 4, y: y + barHeight - 2, anchor: "start", text: "\(category.values.reduce(0, +))", bold: true))
        }
        let height = top + max(1, categories.count) * row + 4
        let axis = [Line(x1: labelWidth, y1: top - 3, x2: labelWidth, y2: height - 4)]
        return ReportChart(width: canvasWidth, height: height, caption: caption, rects: rects, lines: axis, labels: labels,
                           legend: legend)
    }

    /// Vertical bars, one per category, the number above each; `label` may have a second
    /// line (e.g. the year under a month).
    static func columns(caption: String, categories: [(label: String, sublabel: String?, value: Int)]) -> ReportChart {
        let left = 10, top = 18, plotHeight = 120
        let count = max(1, categories.count)
        let step = (canvasWidth - 2 * left) / count
        let barWidth = max(2, min(60, step * 7 / 10))
        let maximum = max(1, categories.map(\.value).max() ?? 1)
        var rects: [Rect] = [], labels: [Label] = []
        var twoLines = false
        let baseline = top + plotHeight
        for (index, category) in categories.enumerated() {
            let centre = left + index * step + step / 2
            let height = category.value == 0 ? 0 : max(1, category.value * plotHeight / maximum)
            if height > 0 {
                rects.append(Rect(x: centre - barWidth / 2, y: baseline - height, width: barWidth, height: height,
                                  fill: shades[0], title: "\(category.label) \(category.sublabel ?? ""): \(category.value)"))
            }
            labels.append(Label(x: centre, y: baseline - height - 4, anchor: "middle", text: "\(category.value)", bold: true))
            let room = max(3, step / 6)
            let (first, second) = category.sublabel.map { (category.label, $0) } ?? split(category.label, room)
            labels.append(Label(x: centre, y: baseline + 14, anchor: "middle", text: clipped(first, room), bold: false))
            if let second {
                labels.append(Label(x: centre, y: baseline + 27, anchor: "middle", text: clipped(second, room), bold: false))
                twoLines = true
            }
        }
        let height = baseline + (twoLines ? 32 : 20)
        return ReportChart(width: canvasWidth, height: height, caption: caption, rects: rects,
                           lines: [Line(x1: left, y1: baseline, x2: canvasWidth - left, y2: baseline)], labels: labels, legend: [])
    }

    /// Swatches with their series' names, in rows that wrap at the drawing's width.
    static func legend(_ series: [String]) -> [LegendEntry] {
        var x = 0, y = 2
        return series.enumerated().map { index, name in
            let text = clipped(name, 24)
            let width = 16 + text.count * 7 + 16
            if x > 0, x + width > canvasWidth { (x, y) = (0, y + 16) }
            defer { x += width }
            return LegendEntry(x: x, y: y, fill: shades[index % shades.count], textX: x + 16, text: text)
        }
    }

    /// A label too long for one line as two, split at the last space that leaves the first
    /// line within `room` characters.
    static func split(_ label: String, _ room: Int) -> (String, String?) {
        guard label.count > room else { return (label, nil) }
        let spaces = label.indices.filter { label[$0] == " " && label.distance(from: label.startIndex, to: $0) <= room }
        guard let cut = spaces.last else { return (label, nil) }
        return (String(label[..<cut]), String(label[label.index(after: cut)...]))
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}
