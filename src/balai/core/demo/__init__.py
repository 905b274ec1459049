"""The Banyuwangi demo: a fresh database with the regions, the catalog, synthetic residents and
one staff account for every role and place, all reproducible from one seed."""
