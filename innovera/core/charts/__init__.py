"""Generic SVG chart primitives, for the survey charts and the dashboards to come.

Small and documented on purpose: an app builds its charts from these and keeps them in its own
``charts`` package (see :mod:`innovera.surveys.charts`). Plain functions, no Django.

* :mod:`~innovera.core.charts.svg` — the markup: :func:`svg.open_svg` (the accessible
  ``<svg role="img">`` with ``<title>``/``<desc>``), :func:`svg.text`, :func:`svg.lines`
  (wrapped text), :func:`svg.line`, :func:`svg.rect`, :func:`svg.escape` (every caller text goes
  through it), :func:`svg.wrap` and :func:`svg.text_width` (text measured by characters),
  :func:`svg.scale` and :func:`svg.ticks` (value → coordinate, round tick values),
  :func:`svg.legend`, and the colours with their contrast on white.
* :mod:`~innovera.core.charts.axes` — :func:`axes.x_axis` (grid and tick labels),
  :func:`axes.label_column` and :func:`axes.row_height` for charts of labelled rows, and
  :func:`axes.bar` (one horizontal bar).
* :mod:`~innovera.core.charts.patterns` — fills that differ by texture as well as colour, for
  colour-blind readers (WCAG 1.4.1): :func:`patterns.fills`, :func:`patterns.swatch`.
* :mod:`~innovera.core.charts.figure` — a chart always comes with its data table:
  :class:`figure.Figure` and the template ``core/charts/_figure.html``.

Numbers are printed with :mod:`innovera.core.formatting` (``decimal``, ``percent``).

A minimal chart::

    from innovera.core.charts import axes, svg

    parts = [svg.open_svg("chart-visits", "bars", 400, 80, "Besök", "Besök per månad")]
    position = svg.scale(0, 100, 160, 380)
    parts += axes.x_axis(svg.ticks(0, 100), position, 8, 50, str, (160, 380))
    parts.append(axes.bar(160, position(42), 29))
    parts.append("</svg>")
"""
