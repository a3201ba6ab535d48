"""cleantext: turn dirty Chinese web text into clean Simplified-Chinese UTF-8 text.

>>> from cleantext import clean
>>> clean("來源：北國網\\n這是正文。")
'这是正文。\\n'
"""

from .convert import convert
from .decode import decode
from .errors import CleantextError, DecodeError, DictionaryError, OptionError
from .extract import extract
from .normalize import normalize
from .pipeline import STEPS, Step, clean
from .repair import repair
from .strip import strip
from .unannotate import unannotate

__version__ = "0.1.0"

__all__ = [
    "STEPS", "CleantextError", "DecodeError", "DictionaryError", "OptionError", "Step",
    "clean", "convert", "decode", "extract", "normalize", "repair", "strip", "unannotate",
]
