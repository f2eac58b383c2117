"""The programme optimiser: a mixed-integer programme solved with HiGHS. Pure: no Django."""
