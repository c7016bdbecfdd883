"""No import cycle runs through the app or the screens (grimp counts TYPE_CHECKING imports)."""

from __future__ import annotations

from collections.abc import Iterator

import grimp


def cycles(package: str) -> list[set[str]]:
    """Every strongly connected component of more than one module (Tarjan, iterative)."""
    graph = grimp.build_graph(package)

    def imported(module: str) -> Iterator[str]:
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, imported(root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imported(child)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_app_and_the_screens_are_in_no_import_cycle() -> None:
    # the flow package's own step modules are left to its StrEnum rework (issue 11, item 5)
    def ours(module: str) -> bool:
        return module == "bounceback.app" or (
            module.startswith("bounceback.screens.")
            and not module.startswith("bounceback.screens.bounce"))

    assert [sorted(c) for c in cycles("bounceback") if any(ours(m) for m in c)] == []
