"""Working days on the Chinese calendar, the override table and the due-date preview."""

from datetime import date, timedelta

from app.core.calendar import WorkCalendar
from tests.helpers import assert_problem

URL = "/api/v1/calendar"


def test_national_day_holiday_and_make_up_saturday():
    calendar = WorkCalendar()
    # 2026-09-30 (Wed) + 2 working days: 10-01..10-07 is the National Day holiday, and
    # Saturday 10-10 is a make-up working day.
    assert calendar.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert calendar.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert calendar.knows_year(2026)


def test_unknown_year_falls_back_to_weekends_and_overrides_win():
    calendar = WorkCalendar()
    assert not calendar.knows_year(2099)
    assert calendar.add_working_days(date(2099, 1, 2), 1) == date(2099, 1, 5)  # Fri → Mon
    overridden = WorkCalendar({date(2099, 1, 5): False, date(2099, 1, 3): True})
    assert overridden.add_working_days(date(2099, 1, 2), 1) == date(2099, 1, 3)
    assert overridden.add_working_days(date(2099, 1, 3), 1) == date(2099, 1, 6)
    assert overridden.knows_year(2099)


def test_latest_start_past_matches_add_working_days():
    calendar = WorkCalendar()
    today = date(2026, 10, 12)
    cutoff = calendar.latest_start_past(today, 2)
    assert calendar.add_working_days(cutoff, 2) < today
    assert calendar.add_working_days(cutoff + timedelta(days=1), 2) >= today


async def test_admin_overrides_change_the_due_date_preview(client, auth_for, admin):
    coordinator = await auth_for("coordinator")
    params = {"start": "2099-03-02", "urgency": "critical"}  # Monday, 2 working days
    before = (await client.get(f"{URL}/due-date", params=params, headers=coordinator)).json()
    assert before["due_date"] == "2099-03-04" and before["calendar_known"] is False

    put = await client.put(
        f"{URL}/overrides/2099-03-03",
        json={"is_working_day": False, "name": "测试假日"},
        headers=admin,
    )
    assert put.status_code == 200, put.text
    after = (await client.get(f"{URL}/due-date", params=params, headers=coordinator)).json()
    assert after["due_date"] == "2099-03-05" and after["skipped"] == ["2099-03-03"]
    assert after["calendar_known"] is True
    listed = (await client.get(f"{URL}/overrides", params={"year": 2099}, headers=admin)).json()
    assert [(o["day"], o["name"]) for o in listed] == [("2099-03-03", "测试假日")]

    assert_problem(
        await client.put(
            f"{URL}/overrides/2099-03-03",
            json={"is_working_day": False, "name": "x"},
            headers=coordinator,
        ),
        403,
    )
    assert_problem(
        await client.put(
            f"{URL}/overrides/2099-03-03", json={"is_working_day": False}, headers=admin
        ),
        422,
    )
    assert (await client.delete(f"{URL}/overrides/2099-03-03", headers=admin)).status_code == 204
    assert_problem(await client.delete(f"{URL}/overrides/2099-03-03", headers=admin), 404)
