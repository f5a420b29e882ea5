-- round_summary: the round component's read model, the one way other components read rounds in SQL (declared with
-- @Tables(readModels) on io.picktartup.round.entity). One row per round whose escrow exists (FundingRound.Status.OPENED;
-- never a draft), with what a catalogue, a startup's page or the SSI needs. Time-free: whether a round is open depends
-- on business time, so open_until is the instant it stops taking investments (its deadline while OPEN, null in any
-- other status) and "open at now" is open_until > now, the SQL form of FundingRound.isOpenAt. Amounts in PKN base
-- units (18 decimals) at the round's won per token; progress_percent = raised / goal, rounded down like
-- FundingRound.percentOfGoal. RoundSummaryTest checks the status literals below against the enum's sets.
create view round_summary as
select id,
       startup_id,
       name,
       status,
       goal,
       raised,
       won_per_token,
       coalesce(opened_at, created_at) as opened_at,
       deadline,
       case when status = 'OPEN' then deadline end as open_until,
       cast(floor(raised * 100 / goal) as int) as progress_percent
from funding_round
where status in ('OPEN', 'CLOSED', 'SUCCEEDED', 'RELEASED', 'FAILED', 'REFUNDING', 'REFUNDED');
