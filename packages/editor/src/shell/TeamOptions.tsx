/** The `<option>`s of a team picker: one a team, its id as the value and its name as the text. */
export function TeamOptions({ teams }: { teams: readonly { id: string; name: string }[] }) {
  return (
    <>
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </>
  )
}
