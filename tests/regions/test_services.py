from balai.regions.models import Region
from balai.regions.services import load_regions


def test_subset_loads_with_parents_and_is_idempotent(regions, region_subset_file):
    banyuwangi = Region.objects.get(code="35.10")
    assert banyuwangi.parent_id == "35"
    assert Region.objects.filter(code__startswith="35.10.", level="district").count() == 25
    villages = Region.objects.filter(code__startswith="35.10.", level="village")
    assert villages.filter(code__regex=r"\.2\d{3}$").count() == 189
    assert villages.filter(code__regex=r"\.1\d{3}$").count() == 28
    again = load_regions(path=region_subset_file)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == Region.objects.count()
