"""Runs one notebook headless with the Lode (Java) kernel, saving its outputs; exits non-zero on a cell error."""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = os.environ["NB"]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, kernel_name=os.environ["KERNEL"], timeout=600,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
try:
    client.execute()
except CellExecutionError as e:
    nbformat.write(nb, path)
    sys.exit(f"kernel: {path}: a cell failed (outputs saved in the notebook):\n{e}")
nbformat.write(nb, path)
ran = sum(c.cell_type == "code" for c in nb.cells)
print(f"kernel: {path}: {ran} code cells ran", file=sys.stderr)
