-- The contact numbers of a role (plans.model.Role.phone, Role.duty_phone), printed on the role
-- cards of the Word export: as typed by the plan owner, '' when not given.

ALTER TABLE roles ADD COLUMN IF NOT EXISTS phone VARCHAR DEFAULT '';
ALTER TABLE roles ADD COLUMN IF NOT EXISTS duty_phone VARCHAR DEFAULT '';
