"""A table of formats.py laid out as the official form draws it: header rows, merged cells, label columns.

The public page and the admin's 统计表 page render the same `Layout`, so what staff fill in looks like what the
public reads, and both look like the paper form. Every data cell carries the ids of all its headers
(`headers`, WCAG technique H43): with two or three levels of merged headings, `scope` alone does not let a
screen reader announce “三、本年度办理结果 （三）不予公开 1.属于国家秘密 自然人”.
"""

from dataclasses import dataclass, field

from disclosure.tables.formats import path


@dataclass
class Cell:
    text: str = ""
    header: bool = False
    scope: str = ""
    id: str = ""
    colspan: int = 1
    rowspan: int = 1
    headers: str = ""
    path: str = ""  # data cells: the cell's JSON path (the admin's input name)
    kind: str = ""
    value: object = None
    classes: str = ""

    @property
    def data(self):
        return bool(self.path)


@dataclass
class Layout:
    key: str
    part: int
    title: str
    head: list = field(default_factory=list)  # rows of cells in <thead>
    bodies: list = field(default_factory=list)  # groups of rows, each a <tbody>
    width: int = 0


def rows(layout):
    """Every row of a layout, head rows first: each a list of `Cell` (text, header, colspan, rowspan)."""
    return [*layout.head, *(cells for body in layout.bodies for cells in body)]


def data_cells(layouts):
    """Every figure's cell of the layouts (the cells marked with their origin: counted or summed)."""
    return [cell for layout in layouts for body in layout.bodies for cells in body for cell in cells if cell.data]


def positions(rows):
    """(row index, first column, cell) for every cell of `rows`, as a browser places rowspan and colspan."""
    taken = set()  # (row, column) covered by a cell placed before
    for r, cells in enumerate(rows):
        column = 0
        for cell in cells:
            while (r, column) in taken:
                column += 1
            yield r, column, cell
            taken.update((r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            column += cell.colspan


def build(table, values=None, prefix="t"):
    values = values or {}
    layout = Layout(table.key, table.part, table.title)
    lay_out = {"blocks": _blocks, "matrix": _matrix, "across": _across}[table.shape]
    lay_out(layout, table, values, f"{prefix}-{table.key}")
    return layout


def _data(table, row, column, values, headers, colspan=1):
    return Cell(
        path=path(table, row, column),
        kind=column.kind,
        value=(values.get(row.key) or {}).get(column.key),
        headers=" ".join(h for h in headers if h),
        colspan=colspan,
    )


def _blocks(layout, table, values, p):
    """Table 2: each block of 第二十条 is its own tbody with its own column headings."""
    width = 1 + max(len(row.columns) for row in table.rows)
    layout.width = width
    blocks = []
    for row in table.rows:
        if not blocks or blocks[-1][0] != row.group:
            blocks.append((row.group, []))
        blocks[-1][1].append(row)
    for number, (title, rows) in enumerate(blocks, start=1):
        b = f"{p}-b{number}"
        columns = rows[0].columns
        pad = width - 1 - len(columns)  # the last column of a narrow block spans the rest, as on the form
        heading = [Cell(str(title), True, "colgroup", b, colspan=width, classes="block")]
        labels = [Cell(_label_heading(), True, "col", f"{b}-label")]
        labels += [
            Cell(str(c.label), True, "col", f"{b}-{c.key}", colspan=pad + 1 if i == len(columns) - 1 else 1)
            for i, c in enumerate(columns)
        ]
        body = [heading, labels]
        for row in rows:
            r = f"{p}-{row.key}"
            cells = [Cell(str(row.label), True, "row", r)]
            cells += [
                _data(table, row, c, values, (r, f"{b}-{c.key}", b), pad + 1 if i == len(columns) - 1 else 1)
                for i, c in enumerate(columns)
            ]
            body.append(cells)
        layout.bodies.append(body)


def _label_heading():
    from django.utils.translation import gettext

    return gettext("信息内容")


def _matrix(layout, table, values, p):
    """Table 3: three label columns (item, group, subgroup) under the official note; applicants across."""
    from django.utils.translation import gettext

    columns = table.columns
    layout.width = 3 + len(columns)
    parents = [c for c in columns if c.parent]
    applicants = f"{p}-applicants"
    first = [
        Cell(str(table.note), False, "", f"{p}-note", colspan=3, rowspan=3, classes="note"),
        Cell(gettext("申请人情况"), True, "colgroup", applicants, colspan=len(columns)),
    ]
    second, third = [], []
    for column in columns:
        cid = f"{p}-{column.key}"
        if not column.parent:
            second.append(Cell(str(column.label), True, "col", cid, rowspan=2))
        else:
            if column is parents[0]:
                second.append(Cell(str(column.parent), True, "colgroup", f"{p}-parent", colspan=len(parents)))
            third.append(Cell(str(column.label), True, "col", cid))
    layout.head = [first, second, third]

    rows = list(table.rows)
    body, subgroups = [], {}
    keys = {column.key for column in columns}
    for index, row in enumerate(rows):
        # The 2019 format's row （六）其他处理 is keyed `other`, like the column 其他: ids must stay unique.
        r = f"{p}-row-{row.key}" if row.key in keys else f"{p}-{row.key}"
        cells, ids = [], [r]
        if not row.group:
            cells.append(Cell(str(row.label), True, "row", r, colspan=3))
        else:
            g = f"{p}-results"
            if index == 0 or rows[index - 1].group != row.group:
                span = sum(1 for other in rows if other.group == row.group)
                cells.append(Cell(str(row.group), True, "rowgroup", g, rowspan=span, classes="group"))
            if row.subgroup:
                if row.subgroup not in subgroups:
                    subgroups[row.subgroup] = s = f"{p}-sg{len(subgroups) + 1}"
                    span = sum(1 for other in rows if other.subgroup == row.subgroup)
                    cells.append(Cell(str(row.subgroup), True, "rowgroup", s, rowspan=span))
                ids.append(subgroups[row.subgroup])
                cells.append(Cell(str(row.label), True, "row", r))
            else:
                cells.append(Cell(str(row.label), True, "row", r, colspan=2))
            ids.append(g)
        for column in columns:
            heads = [*ids, f"{p}-{column.key}", f"{p}-parent" if column.parent else "", applicants]
            cells.append(_data(table, row, column, values, heads))
        if row.key == "results_total":
            for cell in cells:
                cell.classes = " ".join(filter(None, [cell.classes, "total"]))
        body.append(cells)
    layout.bodies.append(body)


def _across(layout, table, values, p):
    """Table 4: one line of fifteen figures under 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉)."""
    rows = table.rows
    layout.width = sum(len(row.columns) for row in rows)
    first, second, third, data = [], [], [], []
    parents = {}
    for row in rows:
        r = f"{p}-{row.key}"
        if not row.group:
            first.append(Cell(str(row.label), True, "colgroup", r, colspan=len(row.columns)))
            for column in row.columns:
                second.append(Cell(str(column.label), True, "col", f"{r}-{column.key}", rowspan=2))
                data.append(_data(table, row, column, values, (f"{r}-{column.key}", r)))
            continue
        g = parents.get(row.group)
        if g is None:
            g = parents[row.group] = f"{p}-g{len(parents) + 1}"
            span = sum(len(other.columns) for other in rows if other.group == row.group)
            first.append(Cell(str(row.group), True, "colgroup", g, colspan=span))
        second.append(Cell(str(row.label), True, "colgroup", r, colspan=len(row.columns)))
        for column in row.columns:
            third.append(Cell(str(column.label), True, "col", f"{r}-{column.key}"))
            data.append(_data(table, row, column, values, (f"{r}-{column.key}", r, g)))
    layout.head = [first, second, third]
    layout.bodies = [[data]]
