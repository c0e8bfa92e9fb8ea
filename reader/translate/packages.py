"""Translation models: installing, listing and removing argos zh->en packages.

argostranslate's own package management does the work (its package
directory, ``ARGOS_PACKAGES_DIR``, its index); this module adds what a user
needs around it: installing from a local ``.argosmodel`` file after checking
that it really is one, sizes on disk, and errors that say what to do.

The network is touched only by ``install_from_index``, which a user asks for
explicitly with ``reader model install``.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reader.errors import InputError, NotFound

SOURCE_CODE = "zh"
TARGET_CODE = "en"


@dataclass(frozen=True)
class InstalledModel:
    code: str  # argospm name, e.g. "translate-zh_en"
    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int

    @property
    def model_id(self) -> str:
        """The id the translation memory keys on: ``argos:<name>-<version>``."""
        return f"argos:{self.code}-{self.version}"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "from": self.from_code,
            "to": self.to_code,
            "version": self.version,
            "model": self.model_id,
            "path": str(self.path),
            "size_bytes": self.size_bytes,
        }


def packages_dir() -> Path:
    """Where argostranslate installs packages (``ARGOS_PACKAGES_DIR``, read when it is imported)."""
    from argostranslate import settings

    return Path(settings.package_data_dir)


def _argos_packages() -> list:
    """Installed argos packages; directories that are not packages are skipped, not fatal."""
    from argostranslate import package, settings

    found = []
    for directory in settings.package_dirs:
        if not Path(directory).is_dir():
            continue
        for path in sorted(Path(directory).iterdir()):
            if path.is_dir() and (path / "metadata.json").is_file():
                try:
                    found.append(package.Package(path))
                except (OSError, ValueError):
                    continue  # a broken package directory must not hide the good ones
    return found


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _describe(pkg) -> InstalledModel:
    from argostranslate.package import argospm_package_name

    return InstalledModel(
        code=argospm_package_name(pkg),
        from_code=pkg.from_code or "",
        to_code=pkg.to_code or "",
        version=pkg.package_version or "",
        path=Path(pkg.package_path),
        size_bytes=_size(Path(pkg.package_path)),
    )


def _version_key(version: str):
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def installed_models() -> list[InstalledModel]:
    """Every installed translate package, zh->en first, newest version first."""
    models = [_describe(p) for p in _argos_packages() if getattr(p, "type", "translate") == "translate"]
    models.sort(key=lambda m: (m.from_code, m.to_code, _version_key(m.version)), reverse=True)
    models.sort(key=lambda m: (m.from_code, m.to_code) != (SOURCE_CODE, TARGET_CODE))
    return models


def find_zh_en_package():
    """The installed argos zh->en package with the highest version, or None."""
    candidates = [
        p
        for p in _argos_packages()
        if getattr(p, "type", "translate") == "translate"
        and (p.from_code, p.to_code) == (SOURCE_CODE, TARGET_CODE)
        and (Path(p.package_path) / "model").is_dir()
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda p: _version_key(p.package_version or ""))


def check_package_file(path: Path) -> dict:
    """Check that ``path`` is an argos package; return its metadata or raise InputError."""
    if not path.is_file():
        raise InputError("no such file; give the path of a .argosmodel package", path=path)
    if not zipfile.is_zipfile(path):
        raise InputError("is not an argos package (.argosmodel files are zip archives)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            tops = {name.split("/", 1)[0] for name in names if name.strip("/")}
            if len(tops) != 1:
                raise InputError(
                    "is not an argos package: it must hold one directory with metadata.json and model/", path=path
                )
            top = tops.pop()
            if f"{top}/metadata.json" not in names:
                raise InputError(f"is not an argos package: {top}/metadata.json is missing", path=path)
            if not any(name.startswith(f"{top}/model/") for name in names):
                raise InputError(f"is not an argos package: the model directory {top}/model/ is missing", path=path)
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
    except zipfile.BadZipFile as exc:
        raise InputError(f"is a damaged zip archive ({exc})", path=path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"has an unreadable metadata.json ({exc})", path=path) from None
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
        raise InputError("has a metadata.json without from_code and to_code", path=path)
    return metadata


def install_from_file(path: str | Path) -> InstalledModel:
    """Install a local ``.argosmodel`` file (for machines without internet)."""
    from argostranslate import package

    path = Path(path)
    metadata = check_package_file(path)
    _unpack(package, path)
    return _installed_matching(metadata, path)


def _unpack(package, path: Path) -> None:
    """Unpack with argostranslate, leaving no half-unpacked package behind.

    argostranslate extracts straight into the packages directory, so a failed or
    interrupted install (disk full, Ctrl-C) would otherwise leave a broken
    package there that every later run trips over.
    """
    with zipfile.ZipFile(path) as archive:
        top = next(name.split("/", 1)[0] for name in archive.namelist() if name.strip("/"))
    destination = packages_dir() / top
    existed = destination.exists()
    try:
        package.install_from_path(path)
    except BaseException:
        if not existed:
            shutil.rmtree(destination, ignore_errors=True)
        raise


def install_from_index() -> InstalledModel:
    """Download and install the zh->en package from the argos package index (network)."""
    from argostranslate import package, settings

    offline_hint = "on a machine without internet, install from a file: reader model install PATH.argosmodel"
    import logging

    argos_log = logging.getLogger("argostranslate.utils")
    argos_log.disabled = True  # it logs a bare repr of a failed download; we say it in a sentence below
    try:
        package.update_package_index()  # returns without raising when the download fails
    finally:
        argos_log.disabled = False
    if not Path(settings.local_package_index).is_file():
        # (argostranslate would retry the download forever from get_available_packages)
        raise InputError(f"could not download the argos package index from {settings.remote_package_index}; "
                         + offline_hint)
    try:
        available = package.get_available_packages()
    except (OSError, ValueError) as exc:
        raise InputError(
            f"could not read the argos package index ({exc}); check the network, or install from a file: "
            "reader model install PATH.argosmodel"
        ) from None
    matches = [p for p in available if (p.from_code, p.to_code) == (SOURCE_CODE, TARGET_CODE)]
    if not matches:
        raise InputError("the argos package index has no zh->en package; " + offline_hint)
    best = max(matches, key=lambda p: _version_key(p.package_version or ""))
    try:
        download = best.download()
    except Exception as exc:  # argostranslate raises bare Exception on download failure
        raise InputError(f"downloading the zh->en package failed ({exc}); try again or install from a file") from None
    try:
        check_package_file(Path(download))
        _unpack(package, Path(download))
    finally:
        Path(download).unlink(missing_ok=True)  # as argospm does: the unpacked package is what stays
    return _installed_matching({"from_code": best.from_code, "to_code": best.to_code,
                                "package_version": best.package_version}, Path(download))


def _installed_matching(metadata: dict, source: Path) -> InstalledModel:
    for model in installed_models():
        if (model.from_code, model.to_code, model.version) == (
            metadata.get("from_code"),
            metadata.get("to_code"),
            metadata.get("package_version", ""),
        ):
            return model
    raise InputError("was unpacked but argostranslate does not list it as installed", path=source)


def remove_model(code: str | None = None) -> list[InstalledModel]:
    """Remove installed packages whose code (``translate-zh_en``) or pair (``zh_en``) matches; default zh->en."""
    from argostranslate import package

    wanted = code or f"{SOURCE_CODE}_{TARGET_CODE}"
    removed = []
    for pkg in _argos_packages():
        model = _describe(pkg)
        pair = f"{model.from_code}_{model.to_code}"
        if wanted in (model.code, pair, model.path.name, f"{model.code}-{model.version}"):
            package.uninstall(pkg)
            removed.append(model)
    if not removed:
        raise NotFound(f"no installed model matches {wanted!r}; see reader model list")
    return removed
