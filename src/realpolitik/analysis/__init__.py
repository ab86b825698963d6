"""Analysis of the signed, dated network of actors: plain functions over a graph built once from
the store (or over any signed graph), each returning plain data.

- :func:`build_network`, :func:`network_dict` -- the signed network and its explanation (``graph``)
- :func:`dyad` -- one pair over time (``dyad``)
- :func:`network_balance`, :func:`balance_report`, :func:`blocs`, :func:`tensions` -- structural
  balance, opposed blocs with cohesion, the frustrated ties named (``blocs``; the solver is
  ``balance``)
- :func:`infer` -- signs implied by common neighbours (``inference``)
- :func:`leverage` -- supply dependencies and what could be withheld (``leverage``)
- :func:`contradictions` -- where sources disagree (``contradictions``)
- :func:`impact` -- winners and losers of an event (``impact``)
- :func:`whatif` -- the same analyses with hypothetical relations (``whatif``)
- :func:`brief`, :func:`render_brief` -- a footnoted one-page brief on an actor (``brief``)

Several functions share their module's name (``dyad.dyad``); importing the function from the
package (``from realpolitik.analysis import dyad``) gives the function.
"""

from .blocs import balance_report, blocs, cohesion, network_balance, tensions
from .brief import brief, render_brief
from .contradictions import contradictions
from .dyad import dyad
from .graph import build_network, network_dict
from .impact import impact
from .inference import infer
from .leverage import exposure, leverage
from .whatif import whatif

__all__ = [
    "balance_report",
    "blocs",
    "brief",
    "build_network",
    "cohesion",
    "contradictions",
    "dyad",
    "exposure",
    "impact",
    "infer",
    "leverage",
    "network_balance",
    "network_dict",
    "render_brief",
    "tensions",
    "whatif",
]
