# Dates on English pages read the way readers of official English-language sites expect: 28 March 2017.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
