import { useSession } from '../auth/session';
import { PledgeList } from './PledgeList';
import { VolunteerHours } from './VolunteerHours';
import { WishList } from './WishList';

/** 联建共建: wishes for everyone who posts or claims them; pledges and volunteer hours for the community and party office. */
export default function CobuildingPage() {
  const { can } = useSession();
  return (
    <>
      <WishList />
      {can('cobuilding.manage') && (
        <>
          <PledgeList />
          <VolunteerHours />
        </>
      )}
    </>
  );
}
