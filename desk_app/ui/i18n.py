"""The window's languages: Vietnamese source strings, English from ``resources/i18n/mot_cua_en.qm``.

Every string the window shows is written in Vietnamese in the code (``self.tr("Trang chủ")``), so
Vietnamese — the desk's default — is complete by construction; ``tools/build_translations.sh``
extracts them with ``pyside6-lupdate`` into ``mot_cua_en.ts`` (committed, translated) and compiles the
``.qm`` (built, not committed). Switching language installs or removes the translator; Qt then sends
``LanguageChange`` to every widget, and each of ours re-reads its strings in ``retranslate()``.

The language chosen at log-in is a preference of this desk's window, kept in ``desk-ui.ini`` in the
data folder (QSettings, INI): it must be known before the first paint, when the database is not open
yet — opening it means importing SQLAlchemy, which start-up defers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

from desk_app.resources import resource_path

VIETNAMESE = "vi"
ENGLISH = "en"
LANGUAGES = {VIETNAMESE: "Tiếng Việt", ENGLISH: "English"}  # each named in its own language, never translated
APP_NAME = "mot-cua-desk"  # same as desk_app.services.desk.APP_NAME (a test keeps them equal)
SETTINGS_FILE = "desk-ui.ini"
_LANGUAGE_KEY = "ui/language"


def default_data_dir() -> Path:
    """The user's data folder, found without importing the services (and SQLAlchemy) at start-up."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def ui_settings(data_dir: Path) -> QSettings:
    """The window's own preferences (language…), in ``desk-ui.ini`` of the data folder."""
    return QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language(data_dir: Path) -> str:
    """The language chosen at the last log-in on this data folder; Vietnamese by default."""
    value = ui_settings(data_dir).value(_LANGUAGE_KEY, VIETNAMESE)
    return value if value in LANGUAGES else VIETNAMESE


def save_language(data_dir: Path, language: str) -> None:
    """Remember the language for the next start."""
    settings = ui_settings(data_dir)
    settings.setValue(_LANGUAGE_KEY, language if language in LANGUAGES else VIETNAMESE)
    settings.sync()


def translation_file(language: str) -> Path:
    """The compiled translation of our strings for ``language`` (none is needed for Vietnamese)."""
    return resource_path("i18n", f"mot_cua_{language}.qm")


class Translations:
    """The translators installed in the application, swapped as a whole when the language changes."""

    def __init__(self) -> None:
        self.language = VIETNAMESE
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Switch the application to ``language``; False when its ``.qm`` is missing (Vietnamese stays)."""
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        found = True
        if language == ENGLISH:
            found = self._install(app, str(translation_file(ENGLISH)))
        else:
            # Qt's own strings (context menus, dialogs) if this Qt ships them; PySide6 6.12 does not.
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._install(app, str(Path(qt_folder) / "qtbase_vi.qm"))
        self.language = language if found else VIETNAMESE
        QLocale.setDefault(locale_of(self.language))
        # Qt posts LanguageChange; deliver it now so the whole window has switched when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return found

    def _install(self, app: QCoreApplication, path: str) -> bool:
        if not Path(path).exists():
            return False
        translator = QTranslator(app)
        if not translator.load(path):
            return False
        app.installTranslator(translator)
        self._installed.append(translator)
        return True


_TRANSLATIONS = Translations()


def set_language(language: str) -> bool:
    """Switch the running application's language (see ``Translations.apply``)."""
    return _TRANSLATIONS.apply(language)


def current_language() -> str:
    """The language the window shows now."""
    return _TRANSLATIONS.language


def locale_of(language: str) -> QLocale:
    """The locale of a language, for dates and numbers."""
    return QLocale(QLocale.Language.English if language == ENGLISH else QLocale.Language.Vietnamese)


def locale() -> QLocale:
    """The locale of the current language."""
    return locale_of(current_language())
