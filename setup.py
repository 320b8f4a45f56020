"""Ship the top-level templates/ folder inside the wheel as vaultkit/_templates.

Data-files would land outside site-packages where nothing can find them; a
package mapping keeps them beside the code. vaultkit/templates_dir.py finds
them in both an installed wheel and a source checkout.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["vaultkit", "vaultkit.*"]) + ["vaultkit._templates"],
    package_dir={"vaultkit._templates": "templates"},
)
