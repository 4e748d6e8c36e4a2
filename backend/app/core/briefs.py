"""Short references to objects named inside other resources, shared by every domain that names
them (a lower layer than the domains, so sign-in can name the user's unit without importing the
units package)."""

import uuid

from pydantic import Field

from app.core.schemas import ResponseBody


# The one schema for a unit named inside another resource (a ticket's departments, a meeting's
# units, the signed-in user's unit): a second model of this name would clash in the OpenAPI
# document, and generated clients drop the schemas that use it.
class UnitBrief(ResponseBody):
    id: uuid.UUID = Field(description="单位编号")
    name: str = Field(description="单位名称")
